using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Grains;

public sealed partial class DocumentPartitionGrain
{
    /// <inheritdoc/>
    public Task<int[]> Sizes(SizeRequest request)
    {
        // The boilerplate stage's own count (BoilerplateStage.Sizes), over the sketches stored here.
        var common = BoilerplateFilter.Of(request.Common);
        var sizes = new int[request.Ids.Length];
        for (int k = 0; k < sizes.Length; k++)
        {
            sizes[k] = Table.TryGet(new StoredSketch { Id = request.Ids[k] }, out var sketch) && sketch.ContentHash == request.Content[k]
                ? common.CountNotBoilerplate(sketch.Fingerprints)
                : -1;
        }
        return Task.FromResult(sizes);
    }
}
