using System.Text;
using NearDup.Corpus;

namespace NearDup.Benchmarks;

/// <summary>
/// Seeded benchmark inputs from <see cref="CorpusGenerator"/> (seed 1): news-like prose with the generator's
/// name and place diacritics, so the tokenizer sees the same mix of ASCII and non-ASCII it sees in a real run.
/// Every benchmark process rebuilds the same bytes, and <see cref="ThroughputColumn"/> relies on that.
/// </summary>
internal static class BenchData
{
    private static readonly Lazy<byte[]> s_pool = new(BuildPool);

    /// <summary>Exactly <paramref name="bytes"/> bytes of UTF-8 prose (cut at a character boundary, padded with spaces).</summary>
    public static byte[] Utf8(int bytes)
    {
        var pool = s_pool.Value;
        int cut = Math.Min(bytes, pool.Length);
        while (cut > 0 && cut < pool.Length && (pool[cut] & 0xC0) == 0x80)
        {
            cut--; // never split a multi-byte sequence
        }
        var result = new byte[bytes];
        pool.AsSpan(0, cut).CopyTo(result);
        result.AsSpan(cut).Fill((byte)' ');
        return result;
    }

    /// <summary>The same prose as <see cref="Utf8(int)"/>, decoded to UTF-16.</summary>
    public static string Text(int bytes) => Encoding.UTF8.GetString(Utf8(bytes));

    /// <summary>Generated documents (id, text, cluster, role), seeded.</summary>
    public static List<GeneratedDocument> Documents(int count, ulong seed = 1) =>
        [.. new CorpusGenerator(CorpusOptions.Default with { Documents = count, Seed = seed, MaxDegreeOfParallelism = 1 }).Generate()];

    private static byte[] BuildPool()
    {
        // Originals only, joined by blank lines: ~6 KB each, 1 MB in all covers the largest [Params] size.
        var builder = new StringBuilder();
        foreach (var document in new CorpusGenerator(CorpusOptions.Default with { Documents = 400, Seed = 1, MaxDegreeOfParallelism = 1 }).Generate())
        {
            if (document.Role == DocumentRoles.Original)
            {
                builder.Append(document.Text).Append("\n\n");
            }
        }
        return Encoding.UTF8.GetBytes(builder.ToString());
    }
}
