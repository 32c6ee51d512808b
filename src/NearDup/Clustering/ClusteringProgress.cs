namespace NearDup.Clustering;

/// <summary>A clustering run entering one of its stages, for progress reports (see <see cref="DuplicateDetector.Cluster(bool, IProgress{ClusteringProgress}, CancellationToken)"/>).</summary>
/// <param name="Stage">The stage's number, from 1.</param>
/// <param name="Stages">How many stages there are.</param>
/// <param name="Name">What the stage does, for people ("verifying candidates", "star clustering", ...).</param>
public readonly record struct ClusteringProgress(int Stage, int Stages, string Name);
