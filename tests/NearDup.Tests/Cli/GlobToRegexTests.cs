using NearDup.Cli.Input;

namespace NearDup.Tests.Cli;

/// <summary>The --include/--exclude globs over a folder's relative paths (forward slashes), case-sensitive.</summary>
public sealed class GlobToRegexTests
{
    public static TheoryData<string, string, bool> Cases => new()
    {
        { "*.txt", "a.txt", true },
        { "*.txt", "sub/dir/a.txt", true },          // a pattern without a folder part matches the name in any folder
        { "*.txt", "a.txt.bak", false },
        { "*.TXT", "a.txt", false },
        { "sub/*.txt", "sub/a.txt", true },
        { "sub/*.txt", "sub/x/a.txt", false },       // * stops at a slash
        { "sub/*.txt", "other/sub/a.txt", false },   // a pattern with a folder part is anchored at the root
        { "sub/**/*.txt", "sub/a.txt", true },       // **/ may match no folder
        { "sub/**/*.txt", "sub/x/y/a.txt", true },
        { "doc?.md", "doc1.md", true },
        { "doc?.md", "doc12.md", false },
        { "doc?.md", "doc.md", false },
        { "a?b", "a/b", false },                     // ? stops at a slash
        { "**", "x/y/z", true },
        { "a+b (1).txt", "a+b (1).txt", true },      // regex characters are literal
        { "a+b (1).txt", "aab 1.txt", false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void GlobToRegex_RelativePath_MatchesAsDocumented(string glob, string path, bool expected) =>
        Assert.Equal(expected, DocumentReader.GlobToRegex(glob).IsMatch(path));
}
