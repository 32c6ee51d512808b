namespace NearDup.Evaluation;

/// <summary>Recall of one labelled role: how many copies of that kind landed with their story.</summary>
/// <param name="Role">The labelled role.</param>
/// <param name="Documents">Labelled documents with that role.</param>
/// <param name="Found">Of those, the ones predicted in the same cluster as their story's original.</param>
public readonly record struct RoleRecall(string Role, int Documents, int Found)
{
    /// <summary>Found over documents (1 when there are none).</summary>
    public double Recall => Documents == 0 ? 1 : (double)Found / Documents;
}
