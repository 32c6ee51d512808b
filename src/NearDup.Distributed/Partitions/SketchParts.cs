namespace NearDup.Distributed.Partitions;

/// <summary>Which arrays of a sketch a <see cref="SketchPage"/> carries (the scalar fields always go).</summary>
public enum SketchParts
{
    /// <summary>Band keys, fingerprints, positions and facts: the whole sketch.</summary>
    All = 0,

    /// <summary>Fingerprints, positions and facts: what a query scores (band keys are not read).</summary>
    Scoring = 1,

    /// <summary>Fingerprints only: what counting a pair's shared fingerprints reads.</summary>
    Fingerprints = 2,

    /// <summary>Fingerprints and facts: what counting a candidate's shared fingerprints and checking its facts read.</summary>
    Facts = 3,

    /// <summary>
    /// The date, content hash, shingle count and number of fingerprints, no SimHash and no arrays: what a batch run's
    /// coordinator reads, every stage reading fingerprints running at the partitions and its candidates paired from the
    /// key partitions' runs (read with <see cref="SketchPage.AddSummariesTo"/>).
    /// </summary>
    Summary = 4,
}
