namespace NearDup.Clustering;

/// <summary>
/// Postings of the anchor table sorted by (key, group), as two parallel arrays: one pass of
/// <see cref="AnchorTable.SharedRuns"/>, a range of keys that no other pass holds, so a run of equal keys never spans two.
/// </summary>
internal readonly record struct AnchorRuns(uint[] Keys, int[] Owners)
{
    /// <summary>Bytes the two arrays hold.</summary>
    public long MemoryBytes => (long)Keys.Length * (sizeof(uint) + sizeof(int));
}
