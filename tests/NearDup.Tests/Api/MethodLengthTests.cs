using System.Text.RegularExpressions;

namespace NearDup.Tests.Api;

/// <summary>
/// No method in src runs over <see cref="MaxLines"/> lines, unless its doc comment says why it is one method
/// "on purpose" (a hot loop whose state lives in registers, a generated table). Reads the sources as text: a
/// member is a declaration line followed, at the same indentation, by a line of '{' and later one of '}'.
/// </summary>
public sealed partial class MethodLengthTests
{
    private const int MaxLines = 120;

    private static readonly string[] s_keywords = ["if", "for", "foreach", "while", "switch", "using", "lock", "catch", "return", "new", "nameof", "typeof"];

    [GeneratedRegex(@"^(?<indent>\s*)(?:(?:public|private|internal|protected|static|override|virtual|async|unsafe|sealed|extern|partial|new|readonly)\s+)*(?:[\w<>\[\],\.\?\(\) ]+?\s+)?(?<name>\w+)\s*(?:<[^>]*>)?\s*\(")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b(class|struct|record|interface)\b")]
    private static partial Regex TypeDeclaration();

    /// <summary>Every member over the limit: "path:line Name (N lines)", with whether its doc comment says why.</summary>
    internal static IEnumerable<(string Where, bool Explained)> LongMembers(string root)
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
                if (MemberLength(lines, i) is { } member && member.Length > MaxLines)
                {
                    yield return ($"{Path.GetRelativePath(root, file)}:{i + 1} {member.Name} ({member.Length} lines)", Explained(lines, i));
                }
            }
        }
    }

    private static (string Name, int Length)? MemberLength(string[] lines, int i)
    {
        var match = Declaration().Match(lines[i]);
        string line = lines[i].TrimEnd();
        // An attribute line ("[Alias(...)]") looks like a call, and the type under it would be measured as a method.
        if (!match.Success || line.TrimStart().StartsWith('[') || line.EndsWith(';') || line.Contains("=>", StringComparison.Ordinal) || TypeDeclaration().IsMatch(line)
            || s_keywords.Contains(match.Groups["name"].Value))
        {
            return null;
        }
        string open = match.Groups["indent"].Value + "{", close = match.Groups["indent"].Value + "}";
        int start = Array.FindIndex(lines, i, Math.Min(12, lines.Length - i), l => l == open);
        int end = start < 0 ? -1 : Array.FindIndex(lines, start + 1, l => l == close);
        return end < 0 ? null : (match.Groups["name"].Value, end - i + 1);
    }

    private static bool Explained(string[] lines, int declaration)
    {
        for (int k = declaration - 1; k >= 0 && lines[k].TrimStart().StartsWith("///", StringComparison.Ordinal); k--)
        {
            if (lines[k].Contains("on purpose", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    [Fact]
    public void Src_NoMethodOverLimitUnlessItSaysWhy()
    {
        var unexplained = LongMembers(Path.Combine(SharedCorpus.RepositoryRoot, "src")).Where(m => !m.Explained).Select(m => m.Where);
        Assert.Empty(unexplained);
    }

    [Fact]
    public void LongMembers_FindsALongMethodAndItsReason()
    {
        using var folder = new Persistence.TempFolder();
        string body = string.Concat(Enumerable.Repeat("        x++;\n", MaxLines));
        File.WriteAllText(Path.Combine(folder.Path, "A.cs"),
            "class A\n{\n    /// <summary>Hot.</summary>\n    /// <remarks>One method on purpose.</remarks>\n    public void Hot(int x)\n    {\n" + body + "    }\n\n"
            + "    private static int Long(int x)\n    {\n" + body + "        return x;\n    }\n\n    private void Short()\n    {\n    }\n}\n");

        var found = LongMembers(folder.Path).ToHashSet();

        Assert.Equal(2, found.Count);
        Assert.Contains(($"A.cs:5 Hot ({MaxLines + 3} lines)", true), found);
        Assert.Contains(($"A.cs:{MaxLines + 9} Long ({MaxLines + 4} lines)", false), found);
    }
}
