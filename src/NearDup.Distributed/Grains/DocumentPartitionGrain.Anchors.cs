using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<bool> PostAnchors(AnchorPostRequest request)
    {
        var rows = Table.Page(request.After is null, new StoredSketch { Id = request.After ?? "" }, request.Count);
        if (rows.Count != request.Count || rows[^1].Id != request.Last || ListingDigest.Of(rows.Select(r => (r.Id, r.ContentHash))) != request.Digest)
        {
            return false;
        }
        var anchors = request.Anchors;
        var postings = new AnchorPostings(anchors.Mask, request.Partitions);
        for (int k = 0; k < rows.Count; k++)
        {
            if (anchors.Groups[k] >= 0)
            {
                postings.Add(anchors.Groups[k], rows[k].Fingerprints);
            }
        }
        await postings.SendAsync(GrainFactory, request.Index, anchors.Run, anchors.Chunk);
        return true;
    }
}
