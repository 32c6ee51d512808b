using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public Task<int[]> Sizes(SizeRequest request)
    {
        if (ListedRows(request.After, request.Last, request.Count, request.Digest, request.Ids) is not { } rows)
        {
            return Task.FromResult<int[]>([]);
        }
        // The boilerplate stage's own count (BoilerplateStage.Sizes), over the sketches stored here.
        var common = BoilerplateFilter.Of(PackedFingerprints.Unpack(request.Common));
        var sizes = new int[rows.Count];
        for (int k = 0; k < sizes.Length; k++)
        {
            sizes[k] = common.CountNotBoilerplate(rows[k].Fingerprints);
        }
        return Task.FromResult(sizes);
    }

    /// <summary>
    /// The <paramref name="count"/> rows after <paramref name="after"/> (null: from the start) when they are still the
    /// listed chunk: the last one <paramref name="last"/> and their ids and content hashes of <see cref="ListingDigest"/>
    /// <paramref name="digest"/>; null when a document there was added, changed or removed since the listing. With
    /// <paramref name="ids"/>, the rows of those ids, null when one is missing or the digest differs (one changed).
    /// </summary>
    private List<StoredSketch>? ListedRows(string? after, string last, int count, ulong digest, string[]? ids)
    {
        var rows = ids is null ? Table.Page(after is null, new StoredSketch { Id = after ?? "" }, count) : RowsOf(ids);
        return rows.Count == count && rows[^1].Id == last && ListingDigest.Of(rows.Select(r => (r.Id, r.ContentHash))) == digest ? rows : null;
    }

    private List<StoredSketch> RowsOf(string[] ids)
    {
        var rows = new List<StoredSketch>(ids.Length);
        foreach (string id in ids)
        {
            if (Table.TryGet(new StoredSketch { Id = id }, out var row))
            {
                rows.Add(row);
            }
        }
        return rows;
    }
}
