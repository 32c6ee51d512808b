using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<WeakLinkAnswer> JudgeLinks(WeakLinkRequest request) =>
        PartitionWeakLinks.Compute(request, await SketchesOfAsync(request.Index, request.Partitions, request.Ids, SketchParts.Scoring));
}
