namespace NearDup.Distributed.Partitions;

/// <summary>
/// A key partition's answer to a query's anchor probes, counted where the rows are: each document holding one or more of
/// the probed keys once, with how many of them it holds here. A site template's anchors are held by thousands of
/// documents each; sent as rows, every (anchor, document) pair would cross the wire with its id.
/// </summary>
/// <param name="Ids">The documents, in ordinal order.</param>
/// <param name="Counts">How many of the probed keys each holds in this partition, parallel to <paramref name="Ids"/>.</param>
/// <param name="Alone">How many of those no other document holds (distinctive anchors, <c>DistinctiveAnchors</c>), parallel to <paramref name="Ids"/>.</param>
[GenerateSerializer, Immutable, Alias("NearDup.KeyHits")]
public sealed record KeyHits([property: Id(0)] string[] Ids, [property: Id(1)] int[] Counts, [property: Id(2)] int[] Alone);
