using NearDup.Clustering;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A count range's tallies (<see cref="PackedFingerprints.PackTally"/>) counted by the boilerplate stage's own counter,
/// <see cref="BoilerplateFilter.Build(int, FingerprintSource, long, int, int, KeptFingerprintSource?)"/>, straight from
/// the packed form: each tally is unpacked when the counter reads it, into one buffer the size of the largest, so the
/// range holds its tallies in one form at a time (about 2 B a value) instead of packed and unpacked at once (6 B).
/// </summary>
internal static class PackedTallyCount
{
    /// <summary>The values held <paramref name="threshold"/> times or more by <paramref name="tallies"/> together, ascending.</summary>
    public static uint[] Common(IReadOnlyList<byte[]> tallies, int threshold)
    {
        long total = 0;
        int largest = 0;
        foreach (byte[] tally in tallies)
        {
            int count = PackedFingerprints.TallyCount(tally);
            total += count;
            largest = Math.Max(largest, count);
        }
        var buffer = new uint[largest];
        // One worker: the counter is done with each set before it asks for the next, so one buffer serves them all
        // (and the run asks every range at once, so the silo's cores are shared among the ranges already).
        return BoilerplateFilter.Build(tallies.Count, i => buffer.AsSpan(0, PackedFingerprints.UnpackTally(tallies[i], buffer)), total, threshold,
            maxDegreeOfParallelism: 1).ToSortedArray();
    }
}
