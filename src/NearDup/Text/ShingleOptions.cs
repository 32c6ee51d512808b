namespace NearDup.Text;

/// <summary>Options of a <see cref="Shingler"/>.</summary>
public sealed record ShingleOptions
{
    /// <summary>Word 5-grams over the default normalization.</summary>
    public static ShingleOptions Default { get; } = new();

    /// <summary>Word or character shingles. Default <see cref="ShingleScheme.Word"/>.</summary>
    public ShingleScheme Scheme { get; init; } = ShingleScheme.Word;

    /// <summary>
    /// k, the number of words (1 to 16) or chars (1 to 64) in a shingle. Default 5: word 5-grams are rare
    /// enough that two different stories share almost none (under 0.5% in news on one topic), yet a
    /// paraphrase that keeps every third or fourth phrase still shares 10% or more.
    /// </summary>
    public int Size { get; init; } = 5;

    /// <summary>How text is folded before shingling.</summary>
    public NormalizationOptions Normalization { get; init; } = NormalizationOptions.Default;

    /// <summary>Seed of the word and shingle hashes. Documents compared with each other must share it.</summary>
    public ulong Seed { get; init; }
}
