namespace NearDup.Distributed.Partitions;

/// <summary>
/// A query sent to a document partition holding some of its candidates (<see cref="Grains.IDocumentPartitionGrain.Score"/>):
/// the query's sketch and the candidates stored there. The index's options, which scoring and the story judge read, are
/// not sent: the partition reads them from the index's manifest (<see cref="Grains.IndexManifest.OptionsJson"/>).
/// </summary>
/// <param name="Query">The query's sketch, packed (<see cref="SketchParts.Scoring"/>, one sketch).</param>
/// <param name="Candidates">Ids of the candidates stored in the partition asked.</param>
/// <param name="AnchorOnly">
/// Those of <paramref name="Candidates"/> found by their anchors alone (no band or SimHash row), ordinal order: a copy by
/// counts must share two anchors with the query, as <c>ClusterIndex.Query</c> asks.
/// </param>
/// <param name="IfShort">
/// Those of <paramref name="AnchorOnly"/> that share enough anchors only when a distinctive one counts twice, which it
/// does only if the document is short (the query is not), ordinal order: the partition scores them only then.
/// </param>
// Id 2 carried the options before the manifest kept them; it is not reused, so that an older client's request still reads.
[GenerateSerializer, Immutable, Alias("NearDup.QueryRequest")]
public sealed record QueryRequest([property: Id(0)] SketchPage Query, [property: Id(1)] string[] Candidates, [property: Id(3)] string[] AnchorOnly,
    [property: Id(4)] string[] IfShort)
{
    /// <summary>
    /// The batch run whose boilerplate and common facts to score with (<see cref="Grains.RunFilters"/>), as the client
    /// read them to look up the query's anchors; 0 for none (no run has finished, or an older client).
    /// </summary>
    [Id(5)] public long Run { get; init; }
}
