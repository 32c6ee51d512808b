namespace NearDup.Clustering;

/// <summary>
/// One pass of the shared anchor table as the weak-link stage keeps it: each run's groups without the key, 4 bytes a
/// posting instead of <see cref="AnchorRuns"/>' 8. Pairing groups needs only which groups share a key, not the key,
/// and at scale most kept postings are keys two groups share by chance, so the keys were half the table's memory.
/// </summary>
/// <remarks>
/// <code>
/// keys    7   7   7   9   9          (AnchorRuns: Keys, Owners)
/// groups  3   8  12   5  40
/// Groups ~3   8  12  ~5  40          (here: a run's first group complemented, negative, so it marks the run's start)
/// </code>
/// Groups are non-negative ints, so the complement of one is negative and a run's start needs no other array.
/// </remarks>
internal readonly record struct SharedAnchorRuns(int[] Groups)
{
    /// <summary>Bytes the array holds.</summary>
    public long MemoryBytes => (long)Groups.Length * sizeof(int);

    /// <summary>Postings held.</summary>
    public int Length => Groups.Length;

    /// <summary>The runs of sorted <paramref name="keys"/> (each run's <paramref name="owners"/> in group order), without the keys.</summary>
    public static SharedAnchorRuns Of(ReadOnlySpan<uint> keys, ReadOnlySpan<int> owners)
    {
        var groups = new int[keys.Length];
        for (int i = 0; i < groups.Length; i++)
        {
            groups[i] = i == 0 || keys[i] != keys[i - 1] ? ~owners[i] : owners[i];
        }
        return new SharedAnchorRuns(groups);
    }

    /// <summary>The group of posting <paramref name="i"/>.</summary>
    public int GroupAt(int i)
    {
        int g = Groups[i];
        return g < 0 ? ~g : g;
    }

    /// <summary>The end of the run that starts at or contains <paramref name="start"/>.</summary>
    public int RunEnd(int start)
    {
        int end = start + 1;
        while (end < Groups.Length && Groups[end] >= 0)
        {
            end++;
        }
        return end;
    }
}
