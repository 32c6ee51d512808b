namespace NearDup.Cli.Output;

/// <summary>Which characters of a text lie inside quotation marks: curly, guillemets or straight.</summary>
internal static class QuotedText
{
    /// <summary>
    /// A flag per char: true inside a quotation. Curly quotes and guillemets open and close explicitly; a straight
    /// double quote toggles. A line break ends a quotation left open (news style reopens each paragraph of a long
    /// quote without closing the one before).
    /// </summary>
    public static bool[] Mask(string text)
    {
        var mask = new bool[text.Length];
        bool inside = false;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\u201C' or '\u00AB':
                    inside = true;
                    break;
                case '\u201D' or '\u00BB':
                    inside = false;
                    break;
                case '"':
                    inside = !inside;
                    break;
                case '\n':
                    inside = false;
                    break;
            }
            mask[i] = inside;
        }
        return mask;
    }
}
