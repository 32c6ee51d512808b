namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a batch run listed of each document partition, so that a key partition can name its runs' rows by numbers
/// instead of ids (<see cref="Grains.IKeyPartitionGrain.PairRuns"/>): partition <c>p</c> listed <c>Counts[p]</c> documents,
/// the last <c>Lasts[p]</c>, with <see cref="ListingDigest"/> <c>Digests[p]</c> over them. A row's number is its
/// document's place in its partition's listing (ordinal order of id) plus the listed counts of the partitions before;
/// the coordinator maps it to the run's document number.
/// </summary>
/// <param name="Index">The index name (the document partitions' grain keys).</param>
/// <param name="Partitions">The index's partition count.</param>
/// <param name="Counts">Documents listed, per document partition.</param>
/// <param name="Lasts">The last listed id, per document partition (null where none was listed).</param>
/// <param name="Digests"><see cref="ListingDigest"/> of each partition's listed ids and content hashes.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RunNumbering")]
public sealed record RunNumbering([property: Id(0)] string Index, [property: Id(1)] int Partitions, [property: Id(2)] int[] Counts,
    [property: Id(3)] string?[] Lasts, [property: Id(4)] ulong[] Digests)
{
    /// <summary>The first number of each partition's documents: the listed counts of the partitions before it.</summary>
    internal int[] Offsets()
    {
        var offsets = new int[Counts.Length];
        for (int p = 1; p < offsets.Length; p++)
        {
            offsets[p] = offsets[p - 1] + Counts[p - 1];
        }
        return offsets;
    }

    /// <summary>
    /// The numbering of a listing of <paramref name="ids"/> (ascending ordinal) with their content hashes, and the run's
    /// document number of each row number.
    /// </summary>
    internal static (RunNumbering Numbering, int[] DocumentOf) Of(string index, int partitions, string[] ids, ulong[] content)
    {
        var members = new List<int>[partitions];
        for (int p = 0; p < partitions; p++)
        {
            members[p] = [];
        }
        for (int i = 0; i < ids.Length; i++)
        {
            members[PartitionMap.OfDocument(ids[i], partitions)].Add(i);
        }
        var numbering = new RunNumbering(index, partitions, [.. members.Select(m => m.Count)], [.. members.Select(m => m.Count == 0 ? null : ids[m[^1]])],
            [.. members.Select(m => ListingDigest.Of(m.Select(i => (ids[i], content[i]))))]);
        return (numbering, [.. members.SelectMany(m => m)]);
    }
}
