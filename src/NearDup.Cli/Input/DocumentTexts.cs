using System.Text;

namespace NearDup.Cli.Input;

/// <summary>The texts of chosen documents, read again from the input with the options that read it the first time.</summary>
internal static class DocumentTexts
{
    public static IReadOnlyDictionary<string, string> Load(string input, InputOptions options, ISet<string> ids)
    {
        var texts = new Dictionary<string, string>(ids.Count, StringComparer.Ordinal);
        foreach (var document in new DocumentReader(input, options).Read())
        {
            if (ids.Contains(document.Id))
            {
                texts[document.Id] = document.Text ?? Encoding.UTF8.GetString(document.Utf8Text.Span);
            }
        }
        return texts;
    }
}
