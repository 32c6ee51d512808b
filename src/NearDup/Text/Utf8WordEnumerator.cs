namespace NearDup.Text;

/// <summary>Enumerator of the words of UTF-8 text; see <see cref="Tokenizer.EnumerateWords(ReadOnlySpan{byte}, NormalizationOptions?, ulong)"/>.</summary>
public ref struct Utf8WordEnumerator
{
    private WordScanner<byte> _scanner;
    private WordToken _current;

    internal Utf8WordEnumerator(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed)
    {
        _scanner = new WordScanner<byte>(text, options, seed);
        _current = default;
    }

    /// <summary>The current word.</summary>
    public readonly WordToken Current => _current;

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    public readonly Utf8WordEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next word.</summary>
    public bool MoveNext() => _scanner.Next(out _current);
}
