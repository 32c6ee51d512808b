namespace NearDup.Clustering;

/// <summary>The groups strong links make, one per story text.</summary>
/// <param name="GroupOf">Each document's group; groups are numbered in the order of their smallest document.</param>
/// <param name="Rep">Each group's first representative, by <see cref="CanonicalRule"/> (the final one is chosen once the cores are known).</param>
internal sealed record StrongGroups(int[] GroupOf, int[] Rep);
