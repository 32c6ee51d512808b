using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public async Task<CanonicalAnswer> JudgeClusters(CanonicalRequest request) =>
        PartitionCanonicals.Compute(request, await SketchesOfAsync(request.Index, request.Partitions, request.Ids, SketchParts.Scoring));
}
