namespace NearDup.Cli.Report;

/// <summary>Names of <see cref="ClusterRole"/> values as they appear in the clusters JSONL.</summary>
internal static class ClusterRoles
{
    /// <summary>Lower-case names indexed by <see cref="ClusterRole"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["canonical", "exact", "syndicated", "rewritten", "excerpt"];

    /// <summary>Parses a role name (case-sensitive, as written by <c>neardup cluster</c>).</summary>
    public static bool TryParse(string name, out ClusterRole role)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                role = (ClusterRole)i;
                return true;
            }
        }

        role = default;
        return false;
    }
}
