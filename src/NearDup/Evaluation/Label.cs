namespace NearDup.Evaluation;

/// <summary>A labelled document: its true cluster and, optionally, its role (original, syndicated, rewritten, ...).</summary>
/// <param name="Cluster">The true cluster (story).</param>
/// <param name="Role">The role, or null.</param>
public readonly record struct Label(string Cluster, string? Role);
