namespace NearDup.Evaluation;

/// <summary>
/// How often the canonical is the original and each copy gets its labelled role. The canonical of a predicted
/// cluster is right when it is labelled original, or exact (an exact copy of the original reads the same). A member
/// of the cluster that holds its story's canonical is right when its predicted role is its label, the original
/// counted right as exact under an exact-copy canonical.
/// </summary>
internal static class RoleAccuracy
{
    public static (int Clusters, int CanonicalRight, int Members, int RolesRight, RoleConfusion[] Confusions) Count(
        IReadOnlyDictionary<string, Label> labels, IReadOnlyDictionary<string, Prediction> predicted)
    {
        int clusters = 0, canonicalRight = 0, members = 0, rolesRight = 0;
        var cells = new SortedDictionary<(string Labelled, string Given), int>(CellOrder.Instance);
        foreach (var cluster in predicted.Where(p => labels.ContainsKey(p.Key)).GroupBy(p => p.Value.Cluster, StringComparer.Ordinal))
        {
            var canonical = cluster.FirstOrDefault(p => Is(p.Value.Role, "canonical"));
            if (canonical.Key is null || cluster.Count() < 2)
            {
                continue;
            }
            var story = labels[canonical.Key];
            clusters++;
            canonicalRight += Is(story.Role, "original") || Is(story.Role, "exact") ? 1 : 0;
            foreach (var (id, prediction) in cluster)
            {
                var label = labels[id];
                if (id == canonical.Key || prediction.Role is null || label.Role is null || label.Cluster != story.Cluster)
                {
                    continue;
                }
                members++;
                rolesRight += Is(label.Role, prediction.Role) || (Is(label.Role, "original") && Is(prediction.Role, "exact")) ? 1 : 0;
                var cell = (label.Role.ToLowerInvariant(), prediction.Role.ToLowerInvariant());
                cells[cell] = cells.GetValueOrDefault(cell) + 1;
            }
        }
        return (clusters, canonicalRight, members, rolesRight, [.. cells.Select(c => new RoleConfusion(c.Key.Labelled, c.Key.Given, c.Value))]);
    }

    /// <summary>Cells by labelled role, then predicted role, in ordinal order: the same table for any input order.</summary>
    private sealed class CellOrder : IComparer<(string Labelled, string Given)>
    {
        public static readonly CellOrder Instance = new();

        public int Compare((string Labelled, string Given) x, (string Labelled, string Given) y)
        {
            int byLabel = string.CompareOrdinal(x.Labelled, y.Labelled);
            return byLabel != 0 ? byLabel : string.CompareOrdinal(x.Given, y.Given);
        }
    }

    private static bool Is(string? role, string name) => string.Equals(role, name, StringComparison.OrdinalIgnoreCase);
}
