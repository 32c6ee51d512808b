namespace NearDup.Clustering;

/// <summary>One band's keys of the documents with text, a run of one key a document, for <see cref="QueryIndexes"/>' band tables.</summary>
internal readonly struct BandPostingRuns(uint[] keys, int[] documents) : IPostingRuns
{
    public int Count => keys.Length;

    public int Owner(int run) => documents[run];

    public ReadOnlySpan<uint> Keys(int run) => keys.AsSpan(run, 1);
}
