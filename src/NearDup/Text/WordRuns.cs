namespace NearDup.Text;

/// <summary>
/// The runs of ASCII letters and digits of a text, as <see cref="Utf8WordHashes.FindRuns"/> writes them: run <c>i</c>
/// spans <see cref="Starts"/>[i] to <see cref="Ends"/>[i] (exclusive), and <see cref="First8"/>[i] and
/// <see cref="Last8"/>[i] are the little-endian loads of the 8 bytes at its start and of the 8 that end it, which
/// <see cref="ShortXxHash3.HashAsciiWords"/> hashes it from.
/// </summary>
internal readonly ref struct WordRuns
{
    public WordRuns(Span<int> starts, Span<int> ends, Span<ulong> first8, Span<ulong> last8)
    {
        Starts = starts;
        Ends = ends;
        First8 = first8;
        Last8 = last8;
    }

    public Span<int> Starts { get; }

    public Span<int> Ends { get; }

    public Span<ulong> First8 { get; }

    public Span<ulong> Last8 { get; }

    /// <summary>The number of runs: the arrays' common length.</summary>
    public int Count => Starts.Length;

    /// <summary>Runs <paramref name="start"/> to <paramref name="start"/> + <paramref name="length"/>, the same slice of each array.</summary>
    public WordRuns Slice(int start, int length) =>
        new(Starts.Slice(start, length), Ends.Slice(start, length), First8.Slice(start, length), Last8.Slice(start, length));
}
