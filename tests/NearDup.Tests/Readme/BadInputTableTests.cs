using System.Text.RegularExpressions;

namespace NearDup.Tests.Readme;

/// <summary>
/// README's bad-input table is backed by tests: every test class a row names exists, every row gives an exit code,
/// and every message piece it quotes (split at "…") is asserted, word for word, somewhere in the tests.
/// </summary>
public sealed partial class BadInputTableTests
{
    private const int ShortestCheckedPiece = 12;

    [Fact]
    public void EveryRow_NamesExistingTestsAnExitAndTestedMessages()
    {
        var rows = TableRows();
        Assert.True(rows.Count >= 25, $"{rows.Count} rows: the table was not found whole");
        var testTypes = typeof(BadInputTableTests).Assembly.GetTypes().Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        string tests = TestSources();
        var problems = new List<string>();
        foreach (var (what, exit, message) in rows)
        {
            foreach (Match named in TestClassName().Matches(what))
            {
                if (!testTypes.Contains(named.Groups[1].Value))
                {
                    problems.Add($"'{what}' names {named.Groups[1].Value}, which is no test class");
                }
            }
            if (!ExitCode().IsMatch(exit))
            {
                problems.Add($"'{what}' gives no exit code: '{exit}'");
            }
            foreach (string piece in QuotedPieces(message).Where(p => p.Length >= ShortestCheckedPiece))
            {
                if (!tests.Contains(piece, StringComparison.Ordinal))
                {
                    problems.Add($"'{what}' quotes \"{piece}\", which no test asserts");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    /// <summary>The rows of the table under "### Bad input": case, exit, message.</summary>
    private static List<(string What, string Exit, string Message)> TableRows()
    {
        string readme = File.ReadAllText(Path.Combine(SharedCorpus.RepositoryRoot, "README.md")).ReplaceLineEndings("\n");
        int start = readme.IndexOf("\n### Bad input\n", StringComparison.Ordinal);
        Assert.True(start >= 0, "README has no '### Bad input' section");
        int end = readme.IndexOf("\n### ", start + 1, StringComparison.Ordinal);
        var rows = new List<(string, string, string)>();
        foreach (string line in readme[start..end].Split('\n').Where(l => l.StartsWith("| ", StringComparison.Ordinal)).Skip(2))
        {
            string[] cells = line.Trim('|').Split(" | ");
            Assert.True(cells.Length == 3, $"a row of {cells.Length} cells: {line}");
            rows.Add((cells[0].Trim(), cells[1].Trim(), cells[2].Trim()));
        }
        return rows;
    }

    /// <summary>
    /// The code-quoted parts of a message cell, cut at each "…" (where the README leaves text out) and at each example
    /// value a test fills in from its own files: file and folder names, PATH, DIR, numbers, PID and host.
    /// </summary>
    private static IEnumerable<string> QuotedPieces(string message) =>
        Quoted().Matches(message).SelectMany(m => m.Groups[1].Value.Split('…')).SelectMany(p => ExampleValue().Split(p)).Select(p => p.Trim(' ', '(', ')', ':'));

    /// <summary>
    /// Every test source, with C# escapes of quotes and backslashes undone so quoted strings read as printed, and again
    /// with regular-expression escapes undone, for messages a test matches with a pattern.
    /// </summary>
    private static string TestSources()
    {
        string sources = string.Join("\n", Directory.EnumerateFiles(Path.Combine(SharedCorpus.RepositoryRoot, "tests", "NearDup.Tests"), "*.cs", SearchOption.AllDirectories)
            .Select(File.ReadAllText)).Replace("\\\"", "\"").Replace("\\\\", "\\");
        return sources + "\n" + RegexEscape().Replace(sources, "$1");
    }

    [GeneratedRegex(@"\\([\[\]+.()*?^$|{}])")]
    private static partial Regex RegexEscape();

    [GeneratedRegex(@"`(\w+Tests)(?:\.\w+)?`")]
    private static partial Regex TestClassName();

    [GeneratedRegex(@"^(\d+|—)")]
    private static partial Regex ExitCode();

    [GeneratedRegex(@"[\w./-]*\.(?:jsonl\.gz|jsonl|json(?:\[\d+\])?|ndup\.lock|ndup|txt)\b|\b(?:PATH|DIR|PID \d+|host \w+)\b|^in\b|\b\d[\d,]*\b")]
    private static partial Regex ExampleValue();

    [GeneratedRegex("`([^`]+)`")]
    private static partial Regex Quoted();
}
