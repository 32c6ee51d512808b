namespace NearDup.Distributed.Partitions;

/// <summary>
/// Candidate pairs a document partition scores: <see cref="First"/>[k] is stored there, <see cref="Second"/>[k] anywhere
/// in the index. The content hashes are the sketches the batch run listed: a pair whose document has changed since (or
/// is gone) is not scored here, and the run scores it from its listing instead.
/// </summary>
/// <param name="Index">The index name, to find the other document partitions.</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="First">Ids stored in the partition asked.</param>
/// <param name="Second">The other ids, parallel to <paramref name="First"/>.</param>
/// <param name="FirstContent">The listed content hash of each first document.</param>
/// <param name="SecondContent">The listed content hash of each second document.</param>
/// <param name="Common">
/// Null for stage 2's candidates: all fingerprints count, and the facts are checked. Else the run's boilerplate, packed
/// (<see cref="PackedFingerprints"/>), which the count leaves out, as the verified pairs' listing (<c>--pairs</c>) counts.
/// </param>
[GenerateSerializer, Immutable, Alias("NearDup.MeasureRequest")]
public sealed record MeasureRequest([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] string[] First,
    [property: Id(3)] string[] Second, [property: Id(4)] ulong[] FirstContent, [property: Id(5)] ulong[] SecondContent,
    [property: Id(6)] byte[]? Common = null);
