namespace NearDup.Distributed.Partitions;

/// <summary>
/// A run of a key partition: the documents holding one key of table <see cref="Table"/>, in ordinal order of their ids,
/// which is the order a clustering run numbers documents in. Crosses the wire packed in a <see cref="RunPage"/>.
/// </summary>
/// <param name="Table">The band or SimHash block.</param>
/// <param name="Ids">The documents, ordinal order (a row with a number: not sent, and empty when unpacked).</param>
/// <param name="Payloads">Their rows' payloads (the whole SimHash, in SimHash runs; else 0), parallel to <paramref name="Ids"/>.</param>
/// <param name="Numbers">Null, or each row's number in the run's listing (<see cref="RunNumbering"/>), -1 for a row
/// sent by its id.</param>
internal sealed record KeyRun(uint Table, string[] Ids, ulong[] Payloads, int[]? Numbers = null)
{
    /// <summary>Row <paramref name="k"/>'s number in the run's listing, or -1 when it is named by its id.</summary>
    public int NumberOf(int k) => Numbers is null ? -1 : Numbers[k];
}
