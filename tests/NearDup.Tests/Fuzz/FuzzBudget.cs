using System.Globalization;

namespace NearDup.Tests.Fuzz;

/// <summary>
/// How long the property-based fuzz tests run. In CI each runs its default iteration count (a few seconds); by hand,
/// NEARDUP_FUZZ_ITER multiplies every count (e.g. 1000), or NEARDUP_FUZZ_SECONDS runs each property for that many
/// seconds instead; NEARDUP_FUZZ_SEED replays a failure with the seed CsCheck printed.
/// </summary>
internal static class FuzzBudget
{
    /// <summary>The iterations of one property: <paramref name="ci"/> times NEARDUP_FUZZ_ITER (default 1).</summary>
    public static long Iterations(long ci) => ci * Read("NEARDUP_FUZZ_ITER", 1);

    /// <summary>Seconds to run instead of a count, or -1 (CsCheck's "not set").</summary>
    public static int Seconds => (int)Read("NEARDUP_FUZZ_SECONDS", -1);

    /// <summary>A seed to replay, or null for a fresh one.</summary>
    public static string? Seed => Environment.GetEnvironmentVariable("NEARDUP_FUZZ_SEED") is { Length: > 0 } seed ? seed : null;

    private static long Read(string name, long fallback) =>
        long.TryParse(Environment.GetEnvironmentVariable(name), NumberStyles.Integer, CultureInfo.InvariantCulture, out long value) && value > 0 ? value : fallback;
}
