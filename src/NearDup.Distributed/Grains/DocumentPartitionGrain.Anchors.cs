using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<bool> PostAnchors(AnchorPostRequest request)
    {
        if (ListedRows(request.After, request.Last, request.Count, request.Digest, request.Ids) is not { } rows)
        {
            return false;
        }
        var anchors = request.Anchors;
        var postings = new AnchorPostings(anchors.Mask, request.Partitions, anchors.Owner, anchors.MaxShort);
        for (int k = 0; k < rows.Count; k++)
        {
            if (anchors.Groups[k] >= 0)
            {
                KeepGroup(anchors.Run, anchors.Groups[k], new RunGroup([rows[k].Id], [rows[k].ContentHash], Representative: 0, Core: null));
                postings.Add(anchors.Groups[k], rows[k].Fingerprints);
            }
        }
        await postings.SendAsync(GrainFactory, request.Index, anchors.Run, anchors.Chunk);
        return true;
    }
}
