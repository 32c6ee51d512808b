using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public Task<int[]> Sizes(SizeRequest request)
    {
        var rows = Table.Page(request.After is null, new StoredSketch { Id = request.After ?? "" }, request.Count);
        if (rows.Count != request.Count || rows[^1].Id != request.Last || ListingDigest.Of(rows.Select(r => (r.Id, r.ContentHash))) != request.Digest)
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
}
