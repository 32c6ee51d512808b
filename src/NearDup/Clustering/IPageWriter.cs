namespace NearDup.Clustering;

/// <summary>
/// A set of values that <see cref="FingerprintPages.Append{TWriter}(in TWriter)"/> has written straight into its page,
/// in the form the page keeps, rather than made in a buffer of its own and copied in.
/// </summary>
internal interface IPageWriter
{
    /// <summary>Values the set takes in the page.</summary>
    public int Count { get; }

    /// <summary>Writes the <see cref="Count"/> values to <paramref name="destination"/>, exactly that long, which may hold anything before.</summary>
    public void WriteTo(Span<uint> destination);
}
