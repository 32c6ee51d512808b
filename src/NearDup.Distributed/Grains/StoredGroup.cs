namespace NearDup.Distributed.Grains;

/// <summary>
/// A strong group of several documents (exact and syndicated copies) of a batch run, as a result partition keeps it for
/// queries: a query's candidate stands for its whole group, and the group's core anchors find it, as on one machine
/// (<c>ClusterIndex.Query</c>).
/// </summary>
/// <param name="Members">The members' ids in ordinal order; the first is the group's key, which places it.</param>
/// <param name="RepresentativeFingerprints">
/// The fingerprint count of the group's representative, which says whether a distinctive anchor counts twice for the
/// group (<c>DistinctiveAnchors.IsShort</c>).
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.StoredGroup")]
public sealed record StoredGroup([property: Id(0)] string[] Members, [property: Id(1)] int RepresentativeFingerprints)
{
    /// <summary>The group's key: its first member's id.</summary>
    public string Key => Members[0];
}
