namespace NearDup.Text;

/// <summary>
/// A word found by the tokenizer: where it lies in the source (in chars for UTF-16 input, in bytes for UTF-8
/// input) and the 64-bit hash of its folded form, which is the same for both encodings.
/// </summary>
/// <param name="Start">Offset of the word's first code unit in the source.</param>
/// <param name="Length">Length of the word in source code units.</param>
/// <param name="Hash">XXH3-64 of the word's folded form in UTF-8, seeded with the tokenizer seed.</param>
public readonly record struct WordToken(int Start, int Length, ulong Hash)
{
    /// <summary>The exclusive end offset of the word.</summary>
    public int End => Start + Length;
}
