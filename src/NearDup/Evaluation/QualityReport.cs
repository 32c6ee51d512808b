namespace NearDup.Evaluation;

/// <summary>Pairwise and partition quality of a clustering against labels.</summary>
public sealed record QualityReport
{
    /// <summary>Predicted clusters of two or more labelled documents whose canonical is known.</summary>
    public int CanonicalClusters { get; init; }

    /// <summary>Of those, the clusters whose canonical is labelled original or exact (an exact copy of it).</summary>
    public int CanonicalRight { get; init; }

    /// <summary>Members (not the canonical) with a predicted role, in the cluster of their story's canonical.</summary>
    public int RoleMembers { get; init; }

    /// <summary>Of those, the members whose predicted role is the labelled one (an original counts as exact).</summary>
    public int RolesRight { get; init; }

    /// <summary>The members of <see cref="RoleMembers"/> by labelled and predicted role, ordered by both (ordinal).</summary>
    public IReadOnlyList<RoleConfusion> RoleConfusions { get; init; } = [];

    /// <summary>Documents in both the labels and the prediction.</summary>
    public int Documents { get; init; }

    /// <summary>Labelled documents the prediction does not mention (each counted as a singleton).</summary>
    public int MissingFromPrediction { get; init; }

    /// <summary>Pairs in one predicted cluster that share a label.</summary>
    public long TruePositivePairs { get; init; }

    /// <summary>Pairs in one predicted cluster.</summary>
    public long PredictedPairs { get; init; }

    /// <summary>Pairs that share a label.</summary>
    public long TruePairs { get; init; }

    /// <summary>Pairwise precision: TP / predicted pairs (1 when none are predicted).</summary>
    public double Precision => PredictedPairs == 0 ? 1 : (double)TruePositivePairs / PredictedPairs;

    /// <summary>Pairwise recall: TP / true pairs (1 when there are none).</summary>
    public double Recall => TruePairs == 0 ? 1 : (double)TruePositivePairs / TruePairs;

    /// <summary>Pairwise F1.</summary>
    public double F1 => Precision + Recall == 0 ? 0 : 2 * Precision * Recall / (Precision + Recall);

    /// <summary>Adjusted Rand index (Hubert and Arabie, 1985).</summary>
    public double AdjustedRandIndex { get; init; }

    /// <summary>Recall per labelled role (roles other than the original).</summary>
    public IReadOnlyList<RoleRecall> RoleRecalls { get; init; } = [];

    /// <summary>The worst false merges: documents put with a story they do not belong to, highest scores first.</summary>
    public IReadOnlyList<PairError> FalseMerges { get; init; } = [];

    /// <summary>Missed copies: copies left out of their story's cluster, by story and id (their scores are unknown, see <see cref="PairError"/>).</summary>
    public IReadOnlyList<PairError> MissedCopies { get; init; } = [];
}
