using NearDup.Clustering;

namespace NearDup.Tests.Api;

/// <summary>
/// <c>src/NearDup/PublicAPI.txt</c> and <c>src/NearDup.Distributed/PublicAPI.txt</c> list the two libraries' public
/// surfaces, one line per type and member, as reflection sees them; this test fails with the lines added and removed
/// when an assembly and its file differ (or the file is missing). After an intended change, regenerate the files with
/// <c>NEARDUP_UPDATE_PUBLIC_API=1 dotnet test … --filter PublicApiTests</c> and review their diff.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "NEARDUP_UPDATE_PUBLIC_API";

    /// <summary>Each library project (its folder under <c>src/</c>) and its assembly.</summary>
    private static readonly Dictionary<string, System.Reflection.Assembly> s_libraries = new(StringComparer.Ordinal)
    {
        ["NearDup"] = typeof(DuplicateDetector).Assembly,
        ["NearDup.Distributed"] = typeof(NearDup.Distributed.NearDupClusterClient).Assembly,
    };

    public static TheoryData<string> Libraries => new(s_libraries.Keys);

    [Theory, MemberData(nameof(Libraries))]
    public void PublicApi_MatchesCommittedList(string library)
    {
        string apiPath = Path.Combine(SharedCorpus.RepositoryRoot, "src", library, "PublicAPI.txt");
        string actual = string.Join('\n', PublicApi.Lines(s_libraries[library])) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(apiPath, actual);
        }
        string expected = File.Exists(apiPath) ? File.ReadAllText(apiPath).ReplaceLineEndings("\n") : "";
        if (expected == actual)
        {
            return;
        }
        var before = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var diff = before.Except(after).Select(l => "- " + l).Concat(after.Except(before).Select(l => "+ " + l));
        Assert.Fail($"The public API differs from {apiPath} (set {UpdateVariable}=1 to regenerate it, then review the diff):\n" + string.Join('\n', diff));
    }

    [Fact]
    public void Lines_ListsPublicMembersOnly()
    {
        var lines = PublicApi.Lines(typeof(DuplicateDetector).Assembly);
        Assert.Contains("sealed class NearDup.Clustering.DuplicateDetector : System.IDisposable", lines);
        Assert.Contains("  method System.Void Add(System.String id, System.String text, System.Nullable<System.DateTimeOffset> date = null)", lines);
        Assert.DoesNotContain(lines, l => l.Contains("SketchStore", StringComparison.Ordinal) || l.Contains("IndexWriter", StringComparison.Ordinal));
        var typeNames = lines.Where(l => !l.StartsWith(' ')).Select(l => l.Split(' ').First(w => w.StartsWith("NearDup.", StringComparison.Ordinal))).ToList();
        Assert.Equal(typeNames.Order(StringComparer.Ordinal), typeNames);
    }
}
