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
        var anchors = new AnchorPostings(posting.Mask, request.Partitions, posting.Owner, posting.MaxShort);
        var cores = new RelativeCore?[posting.Groups.Length];
        var answer = PartitionGroupCores.Compute(request, sketches, anchors, (k, core) => cores[k] = core);
        for (int k = 0; k < posting.Groups.Length; k++)
        {
            if (answer.Representatives[k] >= 0)
            {
                var range = request.Starts[k]..request.Starts[k + 1];
                KeepGroup(posting.Run, posting.Groups[k], new RunGroup(request.Ids[range], request.Content[range], answer.Representatives[k], cores[k]));
            }
        }
        await anchors.SendAsync(GrainFactory, request.Index, posting.Run, posting.Chunk);
        return answer;
    }
}
