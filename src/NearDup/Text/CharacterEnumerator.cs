namespace NearDup.Text;

/// <summary>Enumerator of the characters of UTF-16 text; see <see cref="Tokenizer.EnumerateCharacters"/>.</summary>
public ref struct CharacterEnumerator
{
    private readonly ReadOnlySpan<char> _text;
    private int _next;
    private TokenRange _current;

    internal CharacterEnumerator(ReadOnlySpan<char> text)
    {
        _text = text;
        _next = 0;
        _current = default;
    }

    /// <summary>The current character's range.</summary>
    public readonly TokenRange Current => _current;

    /// <summary>Returns this enumerator, for <c>foreach</c>.</summary>
    public readonly CharacterEnumerator GetEnumerator() => this;

    /// <summary>Advances to the next character.</summary>
    public bool MoveNext()
    {
        if (_next >= _text.Length)
        {
            return false;
        }
        int length = System.Globalization.StringInfo.GetNextTextElementLength(_text[_next..]);
        _current = new TokenRange(_next, length);
        _next += length;
        return true;
    }
}
