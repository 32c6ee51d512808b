namespace NearDup.Clustering;

/// <summary>
/// The values that at least a quorum of sorted, distinct runs hold, found by merging the runs one by one with a count
/// per value (linear in what the runs hold, where sorting their concatenation costs a log factor and a list's copies).
/// A value that can no longer reach the quorum with the runs left is dropped as soon as that is known, so a large
/// group's running merge shrinks towards its core instead of growing to its union.
/// </summary>
internal static class QuorumMerge
{
    /// <summary>
    /// Runs beyond which the merge sorts the concatenation instead: each run merged costs the running set's size again,
    /// so a group of thousands of members (a wire story carried everywhere) would cost members × union.
    /// </summary>
    private const int MaxMergedRuns = 32;

    /// <summary>First size of each thread's buffers; they double when a merge outgrows them.</summary>
    private const int InitialBuffer = 2048;

    [ThreadStatic]
    private static uint[]? t_values;

    [ThreadStatic]
    private static int[]? t_counts;

    [ThreadStatic]
    private static uint[]? t_valuesScratch;

    [ThreadStatic]
    private static int[]? t_countsScratch;

    /// <summary>
    /// The values held by at least <paramref name="quorum"/> of the <paramref name="runCount"/> runs, ascending, in a
    /// buffer of the calling thread: valid until the thread's next call.
    /// </summary>
    public static ReadOnlySpan<uint> Of(int runCount, FingerprintSource runs, int quorum)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(quorum, 1);
        if (runCount > MaxMergedRuns)
        {
            return BySort(runCount, runs, quorum);
        }
        var first = runs(0);
        var (values, counts) = Buffers(first.Length);
        first.CopyTo(values);
        counts.AsSpan(0, first.Length).Fill(1);
        int length = first.Length;
        for (int r = 1; r < runCount; r++)
        {
            var next = runs(r);
            var (outValues, outCounts) = Scratch(length + next.Length);
            // A value counted c after this run can still gain one per run left; below the quorum even then, it goes.
            int least = quorum - (runCount - 1 - r);
            length = MergeCounted(values.AsSpan(0, length), counts.AsSpan(0, length), next, outValues, outCounts, least);
            (t_values, t_valuesScratch) = (outValues, values);
            (t_counts, t_countsScratch) = (outCounts, counts);
            (values, counts) = (outValues, outCounts);
        }
        int kept = 0;
        for (int i = 0; i < length; i++)
        {
            values[kept] = values[i];
            kept += counts[i] >= quorum ? 1 : 0;
        }
        return values.AsSpan(0, kept);
    }

    /// <summary>
    /// Merges counted values with a run, keeping those whose new count is at least <paramref name="least"/>; returns
    /// how many were written.
    /// </summary>
    public static int MergeCounted(ReadOnlySpan<uint> values, ReadOnlySpan<int> counts, ReadOnlySpan<uint> run,
        Span<uint> outValues, Span<int> outCounts, int least)
    {
        int i = 0, j = 0, w = 0;
        while (i < values.Length && j < run.Length)
        {
            uint x = values[i], y = run[j];
            int count = x <= y ? counts[i] : 0;
            count += y <= x ? 1 : 0;
            outValues[w] = x <= y ? x : y;
            outCounts[w] = count;
            w += count >= least ? 1 : 0;
            i += x <= y ? 1 : 0;
            j += y <= x ? 1 : 0;
        }
        for (; i < values.Length; i++)
        {
            (outValues[w], outCounts[w]) = (values[i], counts[i]);
            w += counts[i] >= least ? 1 : 0;
        }
        if (least <= 1)
        {
            run[j..].CopyTo(outValues[w..]);
            outCounts.Slice(w, run.Length - j).Fill(1);
            w += run.Length - j;
        }
        return w;
    }

    /// <summary>The same values by sorting the runs' concatenation: for groups with more runs than merging suits.</summary>
    private static ReadOnlySpan<uint> BySort(int runCount, FingerprintSource runs, int quorum)
    {
        int total = 0;
        for (int r = 0; r < runCount; r++)
        {
            total += runs(r).Length;
        }
        var (values, _) = Buffers(total);
        int length = 0;
        for (int r = 0; r < runCount; r++)
        {
            var run = runs(r);
            run.CopyTo(values.AsSpan(length));
            length += run.Length;
        }
        var all = values.AsSpan(0, length);
        all.Sort();
        int kept = 0;
        for (int i = 0, start = 0; i <= all.Length; i++)
        {
            if (i == all.Length || all[i] != all[start])
            {
                if (i - start >= quorum)
                {
                    all[kept++] = all[start];
                }
                start = i;
            }
        }
        return all[..kept];
    }

    private static (uint[] Values, int[] Counts) Buffers(int size)
    {
        if (t_values is null || t_values.Length < size)
        {
            int length = Math.Max(size, Math.Max(InitialBuffer, (t_values?.Length ?? 0) * 2));
            (t_values, t_counts) = (new uint[length], new int[length]);
        }
        return (t_values, t_counts!);
    }

    private static (uint[] Values, int[] Counts) Scratch(int size)
    {
        if (t_valuesScratch is null || t_valuesScratch.Length < size)
        {
            int length = Math.Max(size, Math.Max(InitialBuffer, (t_valuesScratch?.Length ?? 0) * 2));
            (t_valuesScratch, t_countsScratch) = (new uint[length], new int[length]);
        }
        return (t_valuesScratch, t_countsScratch!);
    }
}
