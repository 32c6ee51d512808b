namespace NearDup.Evaluation;

/// <summary>
/// The pair counts of a clustering against its labels, from the contingency table of (true cluster, predicted cluster):
/// pairs together in both, pairs together in the truth, pairs together in the prediction, and the adjusted Rand index
/// they give. A million documents cost one pass, not a trillion pairs.
/// </summary>
internal readonly record struct PairCounts(long TruePositive, long True, long Predicted, double AdjustedRandIndex)
{
    /// <summary>The counts over <paramref name="ids"/>, each in the true cluster <paramref name="trueOf"/> and the predicted <paramref name="predictedOf"/> gives.</summary>
    public static PairCounts Of(IReadOnlyCollection<string> ids, Func<string, string> trueOf, Func<string, string> predictedOf)
    {
        var cells = new Dictionary<(string, string), long>();
        var trueSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var predictedSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            string t = trueOf(id), p = predictedOf(id);
            cells[(t, p)] = cells.GetValueOrDefault((t, p)) + 1;
            trueSizes[t] = trueSizes.GetValueOrDefault(t) + 1;
            predictedSizes[p] = predictedSizes.GetValueOrDefault(p) + 1;
        }
        long truePositive = cells.Values.Sum(Pairs);
        long truePairs = trueSizes.Values.Sum(Pairs);
        long predictedPairs = predictedSizes.Values.Sum(Pairs);
        long all = Pairs(ids.Count);
        double expected = all == 0 ? 0 : (double)truePairs * predictedPairs / all;
        double max = (truePairs + predictedPairs) / 2.0;
        double ari = max - expected == 0 ? 1 : (truePositive - expected) / (max - expected);
        return new PairCounts(truePositive, truePairs, predictedPairs, ari);
    }

    private static long Pairs(long n) => n * (n - 1) / 2;
}
