namespace NearDup.Distributed.Partitions;

/// <summary>Which arrays of a sketch a <see cref="SketchPage"/> carries (the scalar fields always go).</summary>
public enum SketchParts
{
    /// <summary>Band keys, fingerprints, positions and facts: what a batch run's listing needs.</summary>
    All = 0,

    /// <summary>Fingerprints, positions and facts: what a query scores (band keys are not read).</summary>
    Scoring = 1,

    /// <summary>Fingerprints only: what counting a pair's shared fingerprints reads.</summary>
    Fingerprints = 2,

    /// <summary>Fingerprints and facts: what counting a candidate's shared fingerprints and checking its facts read.</summary>
    Facts = 3,

    /// <summary>
    /// Band keys and the number of fingerprints, no fingerprints: what a batch run's listing needs now that every stage
    /// reading fingerprints runs at the partitions (read with <see cref="SketchPage.AddSummariesTo"/>).
    /// </summary>
    Summary = 4,
}
