namespace NearDup.Evaluation;

/// <summary>A predicted assignment: the cluster and, where known, scores against its canonical.</summary>
/// <param name="Cluster">Predicted cluster.</param>
/// <param name="Jaccard">Jaccard against the predicted canonical.</param>
/// <param name="Containment">Containment against the predicted canonical.</param>
/// <param name="Role">The predicted role (canonical, exact, syndicated, rewritten, excerpt), where known.</param>
public readonly record struct Prediction(string Cluster, double? Jaccard = null, double? Containment = null, string? Role = null);
