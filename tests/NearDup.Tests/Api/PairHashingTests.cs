using System.Text.RegularExpressions;

namespace NearDup.Tests.Api;

/// <summary>
/// Every hash set or dictionary of <see cref="long"/> keys in src hashes with
/// <see cref="NearDup.Internal.PairComparer"/>. The longs hashed here are pairs packed as <c>a &lt;&lt; 32 | b</c>, whose
/// default hash is <c>a ^ b</c>: copies with neighbouring ids (the generator's, and real corpora's) then share a few
/// hundred hash codes, and a set of a million pairs walks chains of thousands. One such set, in stage 2's classifying
/// of ten million documents, took 100 s of one core. Reads the sources as text, so it sees the sets and dictionaries
/// constructed with their type named, not a <c>Distinct()</c> or <c>ToHashSet()</c> over longs (give those the
/// comparer by hand).
/// </summary>
public sealed partial class PairHashingTests
{
    [GeneratedRegex(@"new\s+(HashSet<long>|(Concurrent)?Dictionary<long\s*,.*?>)\s*\(|(HashSet<long>|Dictionary<long\s*,.*?>)\s+\w+\s*=\s*new\s*\(")]
    private static partial Regex LongKeyedConstruction();

    [Fact]
    public void LongKeyedHashing_InSrc_UsesThePairComparer()
    {
        var offenders = Offenders(Path.Combine(SharedCorpus.RepositoryRoot, "src")).ToList();
        Assert.True(offenders.Count == 0, "hashed with long's own hash (a ^ b for a pair):\n" + string.Join("\n", offenders));
    }

    [Fact]
    public void Offenders_FindTheShapesTheyLookFor()
    {
        string dir = Directory.CreateTempSubdirectory("pair-hashing-").FullName;
        try
        {
            File.WriteAllLines(Path.Combine(dir, "A.cs"),
            [
                "var a = new HashSet<long>(count);",
                "var b = new Dictionary<long, int>();",
                "private readonly HashSet<long> _c = new();",
                "var d = new ConcurrentDictionary<long, int>();",
                "var e = new HashSet<long>(count, Internal.PairComparer.Instance);",
                "var f = new HashSet<int>();",
                "int[] g = [.. ids.Distinct().Order()];",
                "var h = new HashSet<long>[workers];",
                "var i = new Dictionary<long, List<int>>(Internal.PairComparer.Instance);",
                "var j = new Dictionary<long, List<int>>(count);",
            ]);
            var found = Offenders(dir).Select(o => o[(o.LastIndexOf(':') + 1)..]).ToList();
            Assert.Equal(["1", "2", "3", "4", "10"], found);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>"path:line" of every line that constructs a set or dictionary of longs without the pair comparer.</summary>
    private static IEnumerable<string> Offenders(string root)
    {
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            {
                continue;
            }
            string[] lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string line = lines[i];
                if (LongKeyedConstruction().IsMatch(line) && !line.Contains("PairComparer", StringComparison.Ordinal))
                {
                    yield return $"{Path.GetRelativePath(root, file)}:{i + 1}";
                }
            }
        }
    }
}
