using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<GroupCoreAnswer> Cores(GroupCoreRequest request)
    {
        var sketches = await SketchesOfAsync(request.Index, request.Partitions, request.Ids, SketchParts.Scoring);
        if (request.Anchors is not { } posting)
        {
            return PartitionGroupCores.Compute(request, sketches);
        }
        var anchors = new AnchorPostings(posting.Mask, request.Partitions);
        var answer = PartitionGroupCores.Compute(request, sketches, anchors);
        await anchors.SendAsync(GrainFactory, request.Index, posting.Run, posting.Chunk);
        return answer;
    }
}
