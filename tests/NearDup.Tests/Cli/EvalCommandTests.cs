using NearDup.Cli.Commands;
using NearDup.Evaluation;
using NearDup.Tests.Report;

namespace NearDup.Tests.Cli;

/// <summary>
/// <c>neardup eval</c>: a missed copy carries no scores (the clusters file has none against its story's canonical),
/// and labels and clusters that share no id are refused naming both files.
/// </summary>
[Collection(ConsoleCollection.Name)]
public sealed class EvalCommandTests
{
    private static readonly Dictionary<string, Label> s_labels = new(StringComparer.Ordinal)
    {
        ["s1"] = new("story1", "original"),
        ["s1-copy"] = new("story1", "syndicated"),
        ["s2"] = new("story2", "original"),
    };

    [Fact]
    public void Evaluate_MissedCopyAloneInItsCluster_HasNoScores()
    {
        // The copy is alone, so the clusters file scores it against itself: 1 and 1.
        var predicted = new Dictionary<string, Prediction>(StringComparer.Ordinal)
        {
            ["s1"] = new("c1", 1, 1, "canonical"),
            ["s1-copy"] = new("c2", 1, 1, "canonical"),
            ["s2"] = new("c3", 1, 1, "canonical"),
        };
        var missed = Assert.Single(QualityEvaluator.Evaluate(s_labels, predicted).MissedCopies);
        Assert.Equal("s1-copy", missed.B);
        Assert.Null(missed.Jaccard);
        Assert.Null(missed.Containment);
    }

    [Fact]
    public void WriteText_RoleAccuracy_ListsTheRolesGivenByLabelledRole()
    {
        var predicted = new Dictionary<string, Prediction>(StringComparer.Ordinal)
        {
            ["s1"] = new("c1", 1, 1, "canonical"),
            ["s1-copy"] = new("c1", 0.6, 0.9, "rewritten"),
            ["s2"] = new("c3", 1, 1, "canonical"),
        };
        using var text = new StringWriter();

        EvalCommand.WriteText(text, QualityEvaluator.Evaluate(s_labels, predicted));

        var lines = text.ToString().Split(Environment.NewLine);
        int accuracy = Array.FindIndex(lines, l => l.StartsWith("role accuracy        0.0000", StringComparison.Ordinal));
        Assert.True(accuracy >= 0, text.ToString());
        Assert.Equal(["  labelled     given        members", "  syndicated   rewritten    1"], lines[(accuracy + 1)..(accuracy + 3)]);
    }

    [Fact]
    public void Evaluate_MissedCopyInAnotherStorysCluster_HasNoScores()
    {
        // Its scores in the file are against s2, the wrong story's canonical.
        var predicted = new Dictionary<string, Prediction>(StringComparer.Ordinal)
        {
            ["s1"] = new("c1", 1, 1, "canonical"),
            ["s1-copy"] = new("c3", 0.2, 0.4, "excerpt"),
            ["s2"] = new("c3", 1, 1, "canonical"),
        };
        var report = QualityEvaluator.Evaluate(s_labels, predicted);
        var missed = Assert.Single(report.MissedCopies);
        Assert.Null(missed.Jaccard);
        Assert.Null(missed.Containment);
    }

    [Fact]
    public void Evaluate_FalseMergeThatIsTheCanonical_HasNoScores()
    {
        // s2 is the canonical of the cluster that s1's story dominates: its 1 and 1 are against itself.
        var labels = new Dictionary<string, Label>(s_labels, StringComparer.Ordinal) { ["s1-copy2"] = new("story1", "rewritten") };
        var predicted = new Dictionary<string, Prediction>(StringComparer.Ordinal)
        {
            ["s2"] = new("c1", 1, 1, "canonical"),
            ["s1"] = new("c1", 0.3, 0.5, "rewritten"),
            ["s1-copy"] = new("c1", 0.3, 0.5, "rewritten"),
            ["s1-copy2"] = new("c1", 0.3, 0.5, "rewritten"),
        };
        var merge = Assert.Single(QualityEvaluator.Evaluate(labels, predicted).FalseMerges);
        Assert.Equal("s2", merge.B);
        Assert.Null(merge.Jaccard);
    }

    [Fact]
    public void Eval_MissedCopy_TextShowsNoSelfScore()
    {
        using var folder = new TempDirectory();
        string labels = Write(folder.Path, "labels.jsonl",
            """{"id":"s1","cluster":"story1","role":"original"}""",
            """{"id":"s1-copy","cluster":"story1","role":"syndicated"}""");
        string clusters = Write(folder.Path, "clusters.jsonl",
            """{"cluster":"c1","canonical":"s1","size":1,"members":[{"id":"s1","role":"canonical","jaccard":1,"containment":1}]}""",
            """{"cluster":"c2","canonical":"s1-copy","size":1,"members":[{"id":"s1-copy","role":"canonical","jaccard":1,"containment":1}]}""");
        var (exit, output, error) = CliHarness.Run("eval", "--labels", labels, clusters);
        Assert.True(exit == 0, error);
        string line = Assert.Single(output.Split('\n'), l => l.Contains("s1-copy", StringComparison.Ordinal));
        Assert.DoesNotContain("jaccard", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Eval_NoIdInCommon_ExitsTwoNamingBothFiles()
    {
        using var folder = new TempDirectory();
        string labels = Write(folder.Path, "labels.jsonl", """{"id":"a","cluster":"s1"}""", """{"id":"b","cluster":"s1"}""");
        string clusters = Write(folder.Path, "clusters.jsonl",
            """{"cluster":"c1","canonical":"x","size":2,"members":[{"id":"x","role":"canonical"},{"id":"y","role":"exact"}]}""");
        var (exit, _, error) = CliHarness.Run("eval", "--labels", labels, clusters);
        Assert.Equal(2, exit);
        Assert.Equal($"error: {labels} and {clusters} have no document id in common (2 labelled, 2 clustered): are they from the same corpus?", error.Trim());
    }

    private static string Write(string folder, string name, params string[] lines)
    {
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, string.Join('\n', lines) + "\n");
        return path;
    }
}
