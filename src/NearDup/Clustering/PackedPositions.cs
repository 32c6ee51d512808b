namespace NearDup.Clustering;

/// <summary>A text's positions appended in the store's packed form (<see cref="PositionList.Pack"/>), packed straight into the page.</summary>
internal readonly ref struct PackedPositions : IPageWriter
{
    private readonly ReadOnlySpan<ushort> _positions;

    /// <summary>The positions of <paramref name="positions"/>, packed in the bits of the largest (<see cref="PositionList.BitsOf"/>).</summary>
    public PackedPositions(ReadOnlySpan<ushort> positions)
    {
        _positions = positions;
        Bits = PositionList.BitsOf(positions);
        Count = PositionList.PackedWords(positions.Length, Bits);
    }

    /// <summary>Bits a position takes.</summary>
    public int Bits { get; }

    public int Count { get; }

    public void WriteTo(Span<uint> destination) => PositionList.Pack(_positions, Bits, destination);
}
