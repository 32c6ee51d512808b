namespace NearDup.Distributed.Partitions;

/// <summary>What a partition holds.</summary>
public enum PartitionKind
{
    /// <summary>Document sketches, by document id.</summary>
    Document,

    /// <summary>LSH band keys (table = band), by a hash of the key.</summary>
    Band,

    /// <summary>SimHash blocks (table = block), by a hash of the block's bits.</summary>
    SimHash,

    /// <summary>Anchor fingerprints, by a hash of the fingerprint.</summary>
    Anchor,
}
