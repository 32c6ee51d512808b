using NearDup.Clustering;

namespace NearDup.Cli.Report;

/// <summary>Names of the library's <see cref="CopyRole"/> values as they appear in the clusters JSONL; the report's data uses the values.</summary>
internal static class ClusterRoles
{
    /// <summary>Lower-case names indexed by <see cref="CopyRole"/>.</summary>
    public static IReadOnlyList<string> Names { get; } = ["canonical", "exact", "syndicated", "rewritten", "excerpt"];

    /// <summary>Parses a role name (case-sensitive, as written by <c>neardup cluster</c>).</summary>
    public static bool TryParse(string name, out CopyRole role)
    {
        for (var i = 0; i < Names.Count; i++)
        {
            if (string.Equals(Names[i], name, StringComparison.Ordinal))
            {
                role = (CopyRole)i;
                return true;
            }
        }

        role = default;
        return false;
    }
}
