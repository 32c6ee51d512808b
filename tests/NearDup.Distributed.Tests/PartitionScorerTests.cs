using NearDup.Clustering;
using NearDup.Distributed.Partitions;

namespace NearDup.Distributed.Tests;

/// <summary>The options a query carries to the document partitions arrive as they were sent.</summary>
public sealed class PartitionScorerTests
{
    [Fact]
    public void OptionsJson_NonDefaultOptions_RoundTrip()
    {
        var options = NearDupOptions.Default with
        {
            Shingles = NearDupOptions.Default.Shingles with { Size = 4, Seed = 7 },
            MinHash = NearDupOptions.Default.MinHash with { Permutations = 64 },
            MinContainment = 0.3,
            MinSharedShingles = 4,
            SampleRate = 0.25,
            CommonShingleDocuments = int.MaxValue,
            SpillDirectory = "/tmp/x",
        };
        var back = System.Text.Json.JsonSerializer.Deserialize<NearDupOptions>(PartitionScorer.OptionsJson(options));
        Assert.Equal(options, back);
        Assert.NotEqual(NearDupOptions.Default, back);
    }
}
