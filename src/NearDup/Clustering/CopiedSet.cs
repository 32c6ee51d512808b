namespace NearDup.Clustering;

/// <summary>Values appended as they are (<see cref="FingerprintPages.Append(ReadOnlySpan{uint})"/>).</summary>
internal readonly ref struct CopiedSet(ReadOnlySpan<uint> values) : IPageWriter
{
    private readonly ReadOnlySpan<uint> _values = values;

    public int Count => _values.Length;

    public void WriteTo(Span<uint> destination) => _values.CopyTo(destination);
}
