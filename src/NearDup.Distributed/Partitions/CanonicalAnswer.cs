namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="CanonicalRequest"/>: each cluster's canonical and every member's
/// role and scores against it, as stage 7 gives them (<see cref="Clustering.CanonicalStage"/>); a cluster with a member
/// no longer as listed is left to the run, which works it out from its listing.
/// </summary>
/// <param name="Canonicals">Per cluster, the place among its members of its canonical; -1 for a cluster not worked out here.</param>
/// <param name="Roles">Per member (as <see cref="CanonicalRequest.Ids"/>), its <see cref="Clustering.CopyRole"/>.</param>
/// <param name="Jaccard">Per member, its Jaccard similarity to the canonical, rounded as the output writes it.</param>
/// <param name="Containment">Per member, its containment in the canonical, rounded likewise.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CanonicalAnswer")]
public sealed record CanonicalAnswer([property: Id(0)] int[] Canonicals, [property: Id(1)] byte[] Roles, [property: Id(2)] double[] Jaccard,
    [property: Id(3)] double[] Containment);
