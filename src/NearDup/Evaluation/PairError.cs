namespace NearDup.Evaluation;

/// <summary>A pair the prediction got wrong.</summary>
/// <param name="A">One document.</param>
/// <param name="B">The other.</param>
/// <param name="TrueClusterA">Label of A.</param>
/// <param name="TrueClusterB">Label of B.</param>
/// <param name="PredictedA">Predicted cluster of A.</param>
/// <param name="PredictedB">Predicted cluster of B.</param>
/// <param name="RoleB">Labelled role of B, if any.</param>
/// <param name="Jaccard">
/// B's Jaccard against the canonical of the cluster it was put in, when the clusters file gives it and B is not that
/// canonical; null for a missed copy, whose file score is not against its story's canonical.
/// </param>
/// <param name="Containment">B's containment, under the same rule as <paramref name="Jaccard"/>.</param>
public readonly record struct PairError(string A, string B, string TrueClusterA, string TrueClusterB, string PredictedA, string PredictedB, string? RoleB, double? Jaccard, double? Containment);
