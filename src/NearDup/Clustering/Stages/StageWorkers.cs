namespace NearDup.Clustering;

/// <summary>How many workers a clustering stage starts when each worker keeps buffers of its own for the whole stage.</summary>
internal static class StageWorkers
{
    /// <summary>Each worker's buffers are sized by the corpus, so past this many they add memory, not speed.</summary>
    private const int MaxWorkers = 64;

    public static int Count(NearDupOptions options) => Internal.Workers.Count(options.MaxDegreeOfParallelism, MaxWorkers);
}
