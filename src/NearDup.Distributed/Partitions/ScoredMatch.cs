using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A candidate a document partition found to match a query, with its evidence: the <see cref="QueryMatch"/> without its
/// (empty) cluster, which the client rebuilds (<see cref="ToMatch"/>). Enums go as their values.
/// </summary>
/// <param name="Id">The stored document.</param>
/// <param name="Role">Its <see cref="CopyRole"/>.</param>
/// <param name="Jaccard">Rounded Jaccard estimate.</param>
/// <param name="Containment">Rounded containment.</param>
/// <param name="Relation">Its <see cref="PairRelation"/>.</param>
[GenerateSerializer, Immutable, Alias("NearDup.ScoredMatch")]
public sealed record ScoredMatch([property: Id(0)] string Id, [property: Id(1)] int Role, [property: Id(2)] double Jaccard,
    [property: Id(3)] double Containment, [property: Id(4)] int Relation)
{
    internal static ScoredMatch From(QueryMatch match) => new(match.Id, (int)match.Role, match.Jaccard, match.Containment, (int)match.Relation);

    internal QueryMatch ToMatch() => new(Id, "", (CopyRole)Role, Jaccard, Containment) { Relation = (PairRelation)Relation };
}
