namespace NearDup.Indexing;

/// <summary>Receives candidate pairs; a struct so that the call is direct, not through a delegate.</summary>
internal interface IPairSink
{
    public void Add(int a, int b);
}
