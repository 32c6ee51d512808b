namespace NearDup.Distributed.Partitions;

/// <summary>
/// A query sent to a document partition holding some of its candidates (<see cref="Grains.IDocumentPartitionGrain.Score"/>):
/// the query's sketch, the candidates stored there, and the index's options, which scoring and the story judge read.
/// </summary>
/// <param name="Query">The query's sketch, packed (<see cref="SketchParts.Scoring"/>, one sketch).</param>
/// <param name="Candidates">Ids of the candidates stored in the partition asked.</param>
/// <param name="Options">The index's <c>NearDupOptions</c> as JSON (<see cref="PartitionScorer.OptionsJson"/>).</param>
/// <param name="AnchorOnly">
/// Those of <paramref name="Candidates"/> found by their anchors alone (no band or SimHash row), ordinal order: a copy by
/// counts must share two anchors with the query, as <c>ClusterIndex.Query</c> asks.
/// </param>
/// <param name="IfShort">
/// Those of <paramref name="AnchorOnly"/> that share enough anchors only when a distinctive one counts twice, which it
/// does only if the document is short (the query is not), ordinal order: the partition scores them only then.
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.QueryRequest")]
public sealed record QueryRequest([property: Id(0)] SketchPage Query, [property: Id(1)] string[] Candidates, [property: Id(2)] string Options,
    [property: Id(3)] string[] AnchorOnly, [property: Id(4)] string[] IfShort);
