using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Distributed.Tests;

/// <summary>Generated documents and queries for the tests (nothing fetched, nothing committed).</summary>
internal static class TestCorpus
{
    /// <summary>
    /// <paramref name="count"/> generated news documents with rewritten and excerpt copies and same-topic hard negatives.
    /// With <paramref name="strongCopies"/> false there are no exact or syndicated copies.
    /// </summary>
    public static List<DocumentInput> Documents(int count, ulong seed, bool strongCopies)
    {
        var options = new CorpusOptions { Documents = count, Seed = seed };
        if (!strongCopies)
        {
            options = options with { ExactRate = 0, SyndicatedRate = 0, RewrittenRate = 0.2, ExcerptRate = 0.15 };
        }
        return [.. new CorpusGenerator(options).Generate().Select(d =>
            new DocumentInput(d.Id, d.Text, d.Date is null ? null : DateTimeOffset.Parse(d.Date, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>
    /// Queries: stored texts (each matches itself and its copies), their first halves (excerpt-like), texts of another
    /// seed (mostly no match), and an empty text.
    /// </summary>
    public static List<string> Queries(List<DocumentInput> documents, int each)
    {
        var queries = new List<string> { "" };
        for (int i = 0; i < each; i++)
        {
            string text = documents[i * 7 % documents.Count].Text!;
            queries.Add(text);
            queries.Add(text[..(text.Length / 2)]);
        }
        queries.AddRange(Documents(each, seed: 99, strongCopies: true).Select(d => d.Text!));
        return queries;
    }
}
