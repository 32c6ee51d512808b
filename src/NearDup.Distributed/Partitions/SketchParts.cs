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
}
