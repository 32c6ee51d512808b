using System.Text;

namespace NearDup.Cli.Input;

/// <summary>
/// The texts of chosen documents, read with the CLI's one reader (<see cref="DocumentReader"/>) and the options that
/// read them for clustering: the same ids, fields, formats and errors.
/// </summary>
internal static class DocumentTexts
{
    /// <summary>Ids listed in the message when needed documents are missing from the input.</summary>
    private const int MaxMissingInMessage = 5;

    /// <summary>
    /// The text of every id in <paramref name="ids"/>; an id not found is an <see cref="InputException"/> that
    /// names the input (the reader refuses an id read twice, naming the line).
    /// </summary>
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
        if (texts.Count < ids.Count)
        {
            var missing = ids.Where(id => !texts.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            throw new InputException($"{input}: {missing.Count} id(s) of the clusters are not in it: "
                + string.Join(", ", missing.Take(MaxMissingInMessage)) + (missing.Count > MaxMissingInMessage ? ", ..." : ""));
        }
        return texts;
    }
}
