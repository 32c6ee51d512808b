namespace NearDup.Clustering;

/// <summary>Collects candidate pairs of distinct documents into a set, each unordered pair once.</summary>
internal readonly struct PairCollector(HashSet<long> set) : Indexing.IPairSink
{
    public void Add(int a, int b)
    {
        if (a != b)
        {
            set.Add(PairKey.Ordered(a, b));
        }
    }
}
