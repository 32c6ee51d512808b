namespace NearDup.Clustering;

/// <summary>
/// Links between groups, sorted by packed (smaller group, larger group), each pair once: two arrays, not a tree of
/// millions of nodes.
/// </summary>
internal sealed class WeakEdges
{
    private WeakEdges(long[] keys, Verifier.Score[] scores)
    {
        Keys = keys;
        Scores = scores;
    }

    public long[] Keys { get; }

    public Verifier.Score[] Scores { get; }

    public int Count => Keys.Length;

    /// <summary>The links given, sorted, repeats of a pair dropped (they have the same score).</summary>
    public static WeakEdges From(List<(long Key, Verifier.Score Score)> links)
    {
        var keys = new long[links.Count];
        var scores = new Verifier.Score[links.Count];
        for (int k = 0; k < keys.Length; k++)
        {
            (keys[k], scores[k]) = links[k];
        }
        Array.Sort(keys, scores);
        int w = 0;
        for (int k = 0; k < keys.Length; k++)
        {
            if (w == 0 || keys[k] != keys[w - 1])
            {
                keys[w] = keys[k];
                scores[w++] = scores[k];
            }
        }
        return new WeakEdges(keys[..w], scores[..w]);
    }

    /// <summary>Links already sorted by key, each pair once (merged from the parts that verified them).</summary>
    public static WeakEdges OfSorted(long[] keys, Verifier.Score[] scores) => new(keys, scores);

    /// <summary>The links whose flag is set, and the others (both stay sorted).</summary>
    public (WeakEdges Set, WeakEdges Unset) Split(bool[] flags)
    {
        int set = flags.Count(f => f);
        var (setKeys, setScores) = (new long[set], new Verifier.Score[set]);
        var (unsetKeys, unsetScores) = (new long[Count - set], new Verifier.Score[Count - set]);
        for (int k = 0, s = 0, u = 0; k < Count; k++)
        {
            if (flags[k])
            {
                (setKeys[s], setScores[s++]) = (Keys[k], Scores[k]);
            }
            else
            {
                (unsetKeys[u], unsetScores[u++]) = (Keys[k], Scores[k]);
            }
        }
        return (new WeakEdges(setKeys, setScores), new WeakEdges(unsetKeys, unsetScores));
    }

    public Verifier.Score Find(long key) => Scores[Array.BinarySearch(Keys, key)];
}
