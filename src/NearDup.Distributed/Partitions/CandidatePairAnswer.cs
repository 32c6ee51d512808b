namespace NearDup.Distributed.Partitions;

/// <summary>
/// A key partition's answer to <see cref="CandidatePairRequest"/>: how many pairs it sent to each document partition
/// (so that a tally lost with its silo is noticed), and the runs it could not pair because a row of theirs could not be
/// numbered (its document partition changed since the listing), which the coordinator pairs by id.
/// </summary>
/// <param name="Sent">Pairs sent, per document partition.</param>
/// <param name="Unpaired">The runs with a row by id, as <see cref="RunPage"/> packs them.</param>
[GenerateSerializer, Immutable, Alias("NearDup.CandidatePairAnswer")]
public sealed record CandidatePairAnswer([property: Id(0)] int[] Sent, [property: Id(1)] RunPage Unpaired);
