using System.CommandLine;
using NearDup.Cli.Commands;

namespace NearDup.Cli;

/// <summary>The <c>neardup</c> executable: argument parsing, file I/O and output formats only.</summary>
internal static class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("NearDup: find near-duplicate documents (syndicated, rewritten and excerpted copies) and group each story with its copies.");
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GenCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        return root.Parse(args).Invoke();
    }
}
