using NearDup.Clustering;

namespace NearDup.Tests.Api;

/// <summary>
/// <c>src/NearDup/PublicAPI.txt</c> lists the library's public surface, one line per type and member, as reflection
/// sees it; this test fails with the lines added and removed when the assembly and the file differ. After an intended
/// change, regenerate the file with <c>NEARDUP_UPDATE_PUBLIC_API=1 dotnet test … --filter PublicApiTests</c> and review its diff.
/// </summary>
public sealed class PublicApiTests
{
    private const string UpdateVariable = "NEARDUP_UPDATE_PUBLIC_API";

    private static string ApiPath => Path.Combine(SharedCorpus.RepositoryRoot, "src", "NearDup", "PublicAPI.txt");

    [Fact]
    public void PublicApi_MatchesCommittedList()
    {
        string actual = string.Join('\n', PublicApi.Lines(typeof(DuplicateDetector).Assembly)) + "\n";
        if (Environment.GetEnvironmentVariable(UpdateVariable) == "1")
        {
            File.WriteAllText(ApiPath, actual);
        }
        string expected = File.Exists(ApiPath) ? File.ReadAllText(ApiPath).ReplaceLineEndings("\n") : "";
        if (expected == actual)
        {
            return;
        }
        var before = expected.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var after = actual.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var diff = before.Except(after).Select(l => "- " + l).Concat(after.Except(before).Select(l => "+ " + l));
        Assert.Fail($"The public API differs from {ApiPath} (set {UpdateVariable}=1 to regenerate it, then review the diff):\n" + string.Join('\n', diff));
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
