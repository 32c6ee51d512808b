namespace NearDup.Text;

/// <summary>What a shingle is: word k-grams or character k-grams.</summary>
public enum ShingleScheme
{
    /// <summary>k consecutive words (the default): robust to layout, sensitive to word order.</summary>
    Word,

    /// <summary>k consecutive chars of the normalized text, spaces included: for short texts and unsegmented scripts.</summary>
    Character,
}
