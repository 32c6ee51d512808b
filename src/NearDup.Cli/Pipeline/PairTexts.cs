using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Pipeline;

/// <summary>Pairs described from their texts, read again from the input (cluster --pairs, the report's reuse links, dedup's templates).</summary>
internal static class PairTexts
{
    /// <summary>
    /// Passages and kinds of the pairs, from the texts read again; null when the input cannot be read twice
    /// (stdin, or a saved index, which keeps no texts).
    /// </summary>
    public static PairDescription?[]? Describe(string? input, InputOptions options, IReadOnlyList<VerifiedPair> pairs)
    {
        if (input is null or "-" || pairs.Count == 0)
        {
            return null;
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pair in pairs)
        {
            ids.Add(pair.First);
            ids.Add(pair.Second);
        }
        return PairDescriber.Describe(pairs, DocumentTexts.Load(input, options, ids));
    }
}
