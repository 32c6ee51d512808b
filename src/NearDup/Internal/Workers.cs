namespace NearDup.Internal;

/// <summary>How many workers a stage that gives each worker its own buffers should start.</summary>
internal static class Workers
{
    /// <summary>The option's value, or one per core for −1 (or any value below 1), at most <paramref name="limit"/>.</summary>
    public static int Count(int maxDegreeOfParallelism, int limit) =>
        Math.Clamp(maxDegreeOfParallelism < 1 ? Environment.ProcessorCount : maxDegreeOfParallelism, 1, limit);
}
