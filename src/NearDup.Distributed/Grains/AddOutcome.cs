namespace NearDup.Distributed.Grains;

/// <summary>What a document partition did with an added sketch.</summary>
public enum AddOutcome
{
    /// <summary>Stored.</summary>
    Added,

    /// <summary>The same document (id, content, date) was there: a retried add; its keys are sent again.</summary>
    AlreadyPresent,

    /// <summary>Another document has this id; nothing changed.</summary>
    Conflict,
}
