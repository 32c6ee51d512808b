namespace NearDup.Distributed.Partitions;

/// <summary>
/// A query sent to a document partition holding some of its candidates (<see cref="Grains.IDocumentPartitionGrain.Score"/>):
/// the query's sketch, the candidates stored there, and the index's options, which scoring and the story judge read.
/// </summary>
/// <param name="Query">The query's sketch, packed (<see cref="SketchParts.Scoring"/>, one sketch).</param>
/// <param name="Candidates">Ids of the candidates stored in the partition asked.</param>
/// <param name="Options">The index's <c>NearDupOptions</c> as JSON (<see cref="PartitionScorer.OptionsJson"/>).</param>
[GenerateSerializer, Immutable, Alias("NearDup.QueryRequest")]
public sealed record QueryRequest([property: Id(0)] SketchPage Query, [property: Id(1)] string[] Candidates, [property: Id(2)] string Options);
