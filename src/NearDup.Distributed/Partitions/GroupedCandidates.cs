using NearDup.Clustering;
using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// A query's candidates after a batch run, found as <c>ClusterIndex.Query</c> finds them against that run: by strong
/// group, not by document. The anchor partitions hold each document's anchors, where the single machine's table holds
/// each group's core; a key is in a group's core when the core's quorum of its members hold it
/// (<see cref="GroupCores.Quorum"/>), so counting the rows of each key by group gives the single machine's hits. A
/// group the band tables, the SimHash index or enough core anchors find stands for all its members.
/// </summary>
internal static class GroupedCandidates
{
    /// <summary>
    /// The documents to score, those found by their group's anchors alone, and of those the groups of one that need
    /// the document to be short (the partition scoring them knows its size; a group of several is decided here, on its
    /// representative's fingerprints).
    /// </summary>
    /// <param name="keyed">The band tables' and SimHash index's hits.</param>
    /// <param name="anchorRows">Every row of every anchor the query looked up: the key and a document holding it.</param>
    /// <param name="groups">The group of several of each document that has one, by id; any other is a group of one.</param>
    /// <param name="minSharedAnchors">Anchors a group must share with the query (<see cref="NearDupOptions.MinSharedAnchors"/>).</param>
    /// <param name="queryIsShort">Whether the query is short (<see cref="DistinctiveAnchors.IsShort"/>).</param>
    public static (HashSet<string> Candidates, HashSet<string> AnchorOnly, HashSet<string> IfShort) Find(IReadOnlySet<string> keyed,
        ReadOnlySpan<KeyEntry> anchorRows, IReadOnlyDictionary<string, StoredGroup> groups, int minSharedAnchors, bool queryIsShort)
    {
        string KeyOf(string id) => groups.TryGetValue(id, out var group) ? group.Key : id;
        var keyedGroups = keyed.Select(KeyOf).ToHashSet(StringComparer.Ordinal);
        var candidates = new HashSet<string>(StringComparer.Ordinal);
        foreach (string key in keyedGroups)
        {
            AddMembers(key, groups, candidates);
        }
        var anchorOnly = new HashSet<string>(StringComparer.Ordinal);
        var ifShort = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, (held, alone)) in CoreHits(anchorRows, groups, KeyOf))
        {
            bool enough = held >= minSharedAnchors;
            if (keyedGroups.Contains(key) || (!enough && held + (DistinctiveAnchors.Weight - 1) * alone < minSharedAnchors))
            {
                continue;
            }
            if (!enough && !queryIsShort)
            {
                if (groups.TryGetValue(key, out var group))
                {
                    if (!DistinctiveAnchors.IsShort(group.RepresentativeFingerprints))
                    {
                        continue;
                    }
                }
                else
                {
                    ifShort.Add(key);
                }
            }
            AddMembers(key, groups, anchorOnly);
        }
        candidates.UnionWith(anchorOnly);
        return (candidates, anchorOnly, ifShort);
    }

    /// <summary>
    /// For each group holding one of the looked-up keys in its core, the keys it holds there and how many of those no
    /// other group's core holds (distinctive anchors), by group key.
    /// </summary>
    private static Dictionary<string, (int Held, int Alone)> CoreHits(ReadOnlySpan<KeyEntry> anchorRows, IReadOnlyDictionary<string, StoredGroup> groups,
        Func<string, string> keyOf)
    {
        var rows = anchorRows.ToArray();
        // Rows of one key come together, and a key's rows by group together, whatever order the partitions answered in.
        var byKey = rows.Select(r => (r.Value, Group: keyOf(r.Id))).OrderBy(r => r.Value).ThenBy(r => r.Group, StringComparer.Ordinal).ToArray();
        var hits = new Dictionary<string, (int Held, int Alone)>(StringComparer.Ordinal);
        var cores = new List<string>();
        for (int start = 0; start < byKey.Length;)
        {
            int end = start;
            cores.Clear();
            while (end < byKey.Length && byKey[end].Value == byKey[start].Value)
            {
                int from = end;
                while (end < byKey.Length && byKey[end].Value == byKey[from].Value && byKey[end].Group == byKey[from].Group)
                {
                    end++;
                }
                string group = byKey[from].Group;
                int size = groups.TryGetValue(group, out var stored) ? stored.Members.Length : 1;
                if (end - from >= GroupCores.Quorum(size))
                {
                    cores.Add(group);
                }
            }
            foreach (string group in cores)
            {
                var (held, alone) = hits.GetValueOrDefault(group);
                hits[group] = (held + 1, alone + (cores.Count == 1 ? 1 : 0));
            }
            start = end;
        }
        return hits;
    }

    private static void AddMembers(string key, IReadOnlyDictionary<string, StoredGroup> groups, HashSet<string> into)
    {
        if (groups.TryGetValue(key, out var group))
        {
            into.UnionWith(group.Members);
        }
        else
        {
            into.Add(key);
        }
    }
}
