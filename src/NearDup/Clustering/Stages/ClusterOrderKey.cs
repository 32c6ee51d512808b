namespace NearDup.Clustering;

/// <summary>
/// Where a cluster goes in the output: the largest first, then by its canonical's id (ordinal; ids are unique, so the
/// order is total and any sort gives it).
/// </summary>
internal readonly record struct ClusterOrderKey(int Size, string Canonical) : IComparable<ClusterOrderKey>
{
    public int CompareTo(ClusterOrderKey other)
    {
        int bySize = other.Size.CompareTo(Size);
        return bySize != 0 ? bySize : string.CompareOrdinal(Canonical, other.Canonical);
    }
}
