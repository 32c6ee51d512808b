using System.CommandLine;

namespace NearDup.Cli;

/// <summary>The <c>neardup</c> executable: argument parsing, file I/O and output formats only.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("NearDup: find near-duplicate documents (syndicated, rewritten and excerpted copies) and group each story with its copies.");
        root.Subcommands.Add(Commands.ReportCommand.Create());
        return root.Parse(args).Invoke();
    }
}
