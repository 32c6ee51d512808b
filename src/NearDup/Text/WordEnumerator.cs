namespace NearDup.Text;

/// <summary>Enumerator of the words of UTF-16 text; see <see cref="Tokenizer.EnumerateWords(ReadOnlySpan{char}, NormalizationOptions?, ulong)"/>.</summary>
public ref struct WordEnumerator
{
    private WordScanner<char> _scanner;
    private WordToken _current;

    internal WordEnumerator(ReadOnlySpan<char> text, NormalizationOptions options, ulong seed)
    {
        _scanner = new WordScanner<char>(text, options, seed);
        _current = default;
    }

    /// <summary>The current word.</summary>
    public readonly WordToken Current => _current;

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    public readonly WordEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next word.</summary>
    public bool MoveNext() => _scanner.Next(out _current);
}
