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
        int missing = ids.Count(id => !predicted.ContainsKey(id));
        string PredictedOf(string id) => predicted.TryGetValue(id, out var p) ? p.Cluster : "\0missing:" + id;
        var pairs = PairCounts.Of(ids, id => labels[id].Cluster, PredictedOf);
        var (roleCounts, missed) = RecallPerRole(ids, labels, PredictedOf);
        var falseMerges = FalseMerges(ids, labels, predicted, PredictedOf);
        var roles = RoleAccuracy.Count(labels, predicted);
        return new QualityReport
        {
            CanonicalClusters = roles.Clusters,
            CanonicalRight = roles.CanonicalRight,
            RoleMembers = roles.Members,
            RolesRight = roles.RolesRight,
            RoleConfusions = roles.Confusions,
            Documents = ids.Length - missing,
            MissingFromPrediction = missing,
            TruePositivePairs = pairs.TruePositive,
            PredictedPairs = pairs.Predicted,
            TruePairs = pairs.True,
            AdjustedRandIndex = pairs.AdjustedRandIndex,
            RoleRecalls = [.. roleCounts.Select(kv => new RoleRecall(kv.Key, kv.Value.Total, kv.Value.Found))],
            FalseMerges = [.. falseMerges.OrderByDescending(e => e.Containment ?? 0).ThenBy(e => e.B, StringComparer.Ordinal).Take(maxErrors)],
            MissedCopies = [.. missed.OrderBy(e => e.TrueClusterB, StringComparer.Ordinal).ThenBy(e => e.B, StringComparer.Ordinal).Take(maxErrors)],
        };
    }

    /// <summary>
    /// For each role, the copies labelled with it and how many sit in their story's predicted cluster (that of the
    /// labelled original, else the one holding most of the story), and the copies that do not.
    /// </summary>
    private static (SortedDictionary<string, (int Total, int Found)> Counts, List<PairError> Missed) RecallPerRole(string[] ids,
        IReadOnlyDictionary<string, Label> labels, Func<string, string> predictedOf)
    {
        var storyAnchor = StoryAnchors(ids, labels, predictedOf);
        var roleCounts = new SortedDictionary<string, (int Total, int Found)>(StringComparer.Ordinal);
        var missed = new List<PairError>();
        foreach (string id in ids)
        {
            var label = labels[id];
            if (label.Role is null || string.Equals(label.Role, "original", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            bool found = predictedOf(id) == storyAnchor[label.Cluster];
            var (total, ok) = roleCounts.GetValueOrDefault(label.Role);
            roleCounts[label.Role] = (total + 1, ok + (found ? 1 : 0));
            if (!found)
            {
                // A clusters file scores each member only against its own cluster's canonical, and a missed copy is
                // not in its story's cluster: what the file holds is its score against another canonical, or, alone
                // in a cluster, against itself (1 and 1). Neither is the score against its story's, and the texts are
                // not at hand to compute it, so the scores are left unknown (null).
                missed.Add(new PairError(label.Cluster, id, label.Cluster, label.Cluster, storyAnchor[label.Cluster], predictedOf(id), label.Role, null, null));
            }
        }
        return (roleCounts, missed);
    }

    /// <summary>Each story's predicted cluster: its labelled original's, else the one that holds most of the story.</summary>
    private static Dictionary<string, string> StoryAnchors(string[] ids, IReadOnlyDictionary<string, Label> labels, Func<string, string> predictedOf)
    {
        var storyAnchor = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var group in ids.GroupBy(id => labels[id].Cluster, StringComparer.Ordinal))
        {
            string? original = group.FirstOrDefault(id => string.Equals(labels[id].Role, "original", StringComparison.OrdinalIgnoreCase));
            storyAnchor[group.Key] = original is not null
                ? predictedOf(original)
                : group.GroupBy(predictedOf, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
        }
        return storyAnchor;
    }

    /// <summary>False merges: the documents of each predicted cluster whose story is not the one most of it holds.</summary>
    private static List<PairError> FalseMerges(string[] ids, IReadOnlyDictionary<string, Label> labels, IReadOnlyDictionary<string, Prediction> predicted,
        Func<string, string> predictedOf)
    {
        var falseMerges = new List<PairError>();
        foreach (var group in ids.Where(predicted.ContainsKey).GroupBy(predictedOf, StringComparer.Ordinal))
        {
            var members = group.ToArray();
            if (members.Length < 2)
            {
                continue;
            }
            string majority = members.GroupBy(id => labels[id].Cluster, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).First().Key;
            string majorityDoc = members.First(id => labels[id].Cluster == majority);
            foreach (string id in members.Where(id => labels[id].Cluster != majority))
            {
                // The scores are against the canonical of the cluster it was merged into, unless it is that
                // canonical: then they are against itself, and unknown here.
                var p = predicted[id];
                bool self = string.Equals(p.Role, "canonical", StringComparison.Ordinal);
                falseMerges.Add(new PairError(majorityDoc, id, majority, labels[id].Cluster, group.Key, group.Key, labels[id].Role,
                    self ? null : p.Jaccard, self ? null : p.Containment));
            }
        }
        return falseMerges;
    }
}
