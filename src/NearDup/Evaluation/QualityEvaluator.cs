namespace NearDup.Evaluation;

/// <summary>
/// Scores a clustering against labels: pairwise precision, recall and F1 over all pairs of documents, the
/// adjusted Rand index, recall per role, and the worst errors. Counts come from the contingency table, so a
/// million documents cost one pass, not a trillion pairs.
/// </summary>
public static class QualityEvaluator
{
    /// <summary>Evaluates <paramref name="predicted"/> against <paramref name="labels"/>; documents only in the prediction are ignored.</summary>
    /// <param name="labels">True clusters by document id.</param>
    /// <param name="predicted">Predicted clusters by document id.</param>
    /// <param name="maxErrors">How many false merges and missed copies to list.</param>
    public static QualityReport Evaluate(IReadOnlyDictionary<string, Label> labels, IReadOnlyDictionary<string, Prediction> predicted, int maxErrors = 10)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(predicted);
        var ids = labels.Keys.OrderBy(x => x, StringComparer.Ordinal).ToArray();
        int missing = 0;
        string PredictedOf(string id)
        {
            return predicted.TryGetValue(id, out var p) ? p.Cluster : "\0missing:" + id;
        }
        foreach (string id in ids)
        {
            if (!predicted.ContainsKey(id))
            {
                missing++;
            }
        }

        var cells = new Dictionary<(string, string), long>();
        var trueSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        var predSizes = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (string id in ids)
        {
            string t = labels[id].Cluster, p = PredictedOf(id);
            cells[(t, p)] = cells.GetValueOrDefault((t, p)) + 1;
            trueSizes[t] = trueSizes.GetValueOrDefault(t) + 1;
            predSizes[p] = predSizes.GetValueOrDefault(p) + 1;
        }
        static long Pairs(long n) => n * (n - 1) / 2;
        long tp = cells.Values.Sum(Pairs);
        long truePairs = trueSizes.Values.Sum(Pairs);
        long predPairs = predSizes.Values.Sum(Pairs);
        long all = Pairs(ids.Length);
        double expected = all == 0 ? 0 : (double)truePairs * predPairs / all;
        double max = (truePairs + predPairs) / 2.0;
        double ari = max - expected == 0 ? 1 : (tp - expected) / (max - expected);

        // The story's original: the labelled original, else the document whose predicted cluster holds most of the story.
        var storyAnchor = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in ids.GroupBy(id => labels[id].Cluster, StringComparer.Ordinal))
        {
            string? original = group.FirstOrDefault(id => string.Equals(labels[id].Role, "original", StringComparison.OrdinalIgnoreCase));
            storyAnchor[group.Key] = original is not null
                ? PredictedOf(original)
                : group.GroupBy(PredictedOf, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        }
        var roleCounts = new SortedDictionary<string, (int Total, int Found)>(StringComparer.Ordinal);
        var missed = new List<PairError>();
        foreach (string id in ids)
        {
            var label = labels[id];
            if (label.Role is null || string.Equals(label.Role, "original", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            bool found = PredictedOf(id) == storyAnchor[label.Cluster];
            var (total, ok) = roleCounts.GetValueOrDefault(label.Role);
            roleCounts[label.Role] = (total + 1, ok + (found ? 1 : 0));
            if (!found)
            {
                // A clusters file scores each member only against its own cluster's canonical, and a missed copy is
                // not in its story's cluster: what the file holds is its score against another canonical, or, alone
                // in a cluster, against itself (1 and 1). Neither is the score against its story's, and the texts are
                // not at hand to compute it, so the scores are left unknown (null).
                missed.Add(new PairError(label.Cluster, id, label.Cluster, label.Cluster, storyAnchor[label.Cluster], PredictedOf(id), label.Role, null, null));
            }
        }

        // False merges: documents whose predicted cluster is dominated by another story.
        var falseMerges = new List<PairError>();
        foreach (var group in ids.Where(predicted.ContainsKey).GroupBy(PredictedOf, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            if (members.Length < 2)
            {
                continue;
            }
            string majority = members.GroupBy(id => labels[id].Cluster, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            string majorityDoc = members.First(id => labels[id].Cluster == majority);
            foreach (string id in members)
            {
                if (labels[id].Cluster != majority)
                {
                    // The scores are against the canonical of the cluster it was merged into, unless it is that
                    // canonical: then they are against itself, and unknown here.
                    var p = predicted[id];
                    bool self = string.Equals(p.Role, "canonical", StringComparison.Ordinal);
                    falseMerges.Add(new PairError(majorityDoc, id, majority, labels[id].Cluster, group.Key, group.Key, labels[id].Role,
                        self ? null : p.Jaccard, self ? null : p.Containment));
                }
            }
        }

        var roles = RoleAccuracy.Count(labels, predicted);
        return new QualityReport
        {
            CanonicalClusters = roles.Clusters,
            CanonicalRight = roles.CanonicalRight,
            RoleMembers = roles.Members,
            RolesRight = roles.RolesRight,
            Documents = ids.Length - missing,
            MissingFromPrediction = missing,
            TruePositivePairs = tp,
            PredictedPairs = predPairs,
            TruePairs = truePairs,
            AdjustedRandIndex = ari,
            RoleRecalls = [.. roleCounts.Select(kv => new RoleRecall(kv.Key, kv.Value.Total, kv.Value.Found))],
            FalseMerges = [.. falseMerges.OrderByDescending(e => e.Containment ?? 0).ThenBy(e => e.B, StringComparer.Ordinal).Take(maxErrors)],
            MissedCopies = [.. missed.OrderBy(e => e.TrueClusterB, StringComparer.Ordinal).ThenBy(e => e.B, StringComparer.Ordinal).Take(maxErrors)],
        };
    }
}
