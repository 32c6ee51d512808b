using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<GroupCoreAnswer> Cores(GroupCoreRequest request)
    {
        var sketches = await SketchesOfAsync(request.Index, request.Partitions, request.Ids, SketchParts.Scoring);
        return PartitionGroupCores.Compute(request, sketches);
    }
}
