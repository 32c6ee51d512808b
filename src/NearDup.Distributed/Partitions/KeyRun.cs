namespace NearDup.Distributed.Partitions;

/// <summary>
/// A run of a key partition: the documents holding one key of table <see cref="Table"/>, in ordinal order of their ids,
/// which is the order a clustering run numbers documents in. Crosses the wire packed in a <see cref="RunPage"/>.
/// </summary>
/// <param name="Table">The band or SimHash block.</param>
/// <param name="Ids">The documents, ordinal order.</param>
/// <param name="Payloads">Their rows' payloads (the whole SimHash, in SimHash runs; else 0), parallel to <paramref name="Ids"/>.</param>
internal sealed record KeyRun(uint Table, string[] Ids, ulong[] Payloads);
