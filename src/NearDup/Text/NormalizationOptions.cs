namespace NearDup.Text;

/// <summary>
/// How text is folded before it is tokenized and hashed. Compatibility folding (Unicode NFKD), case folding
/// that ignores the current culture, the folding of typographic quotes, apostrophes and dashes to one form,
/// the removal of invisible format characters, and whitespace collapsing are always on.
/// </summary>
public sealed record NormalizationOptions
{
    /// <summary>The defaults: diacritics removed, digits kept.</summary>
    public static NormalizationOptions Default { get; } = new();

    /// <summary>
    /// Drops combining marks after decomposition, so that <c>café</c>, <c>cafe</c> and <c>cafe&#x301;</c> are one word.
    /// Default <see langword="true"/>: copies often lose or gain accents on the way through a CMS, and in news
    /// text an accent rarely separates two different words.
    /// </summary>
    public bool RemoveDiacritics { get; init; } = true;

    /// <summary>Drops decimal digits, so that numbers do not count as evidence. Default <see langword="false"/>.</summary>
    public bool RemoveDigits { get; init; }
}
