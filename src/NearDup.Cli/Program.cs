using System.CommandLine;
using System.Text.RegularExpressions;
using NearDup.Cli.Commands;

namespace NearDup.Cli;

/// <summary>The <c>neardup</c> executable: argument parsing, file I/O and output formats only.</summary>
internal static partial class Program
{
    public static int Main(string[] args)
    {
        var root = new RootCommand("NearDup: find near-duplicate documents (syndicated, rewritten and excerpted copies) and group each story with its copies.");
        root.Subcommands.Add(ClusterCommand.Create());
        root.Subcommands.Add(DedupCommand.Create());
        root.Subcommands.Add(EvalCommand.Create());
        root.Subcommands.Add(GenCommand.Create());
        root.Subcommands.Add(IndexCommand.Create());
        root.Subcommands.Add(QueryCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(BenchCommand.Create());
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(RemoteCommand.Create());
        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            return ParseFailed(parsed);
        }
        JitProfile.Start(parsed.CommandResult.Command.Name);
        return parsed.Invoke();
    }

    /// <summary>
    /// A parse error is one line on stderr that points to the command's --help, with the exit code of bad arguments;
    /// System.CommandLine would print the whole help after it, burying the error.
    /// </summary>
    private static int ParseFailed(ParseResult parsed)
    {
        var names = new List<string>();
        for (var command = parsed.CommandResult; command is not null; command = command.Parent as System.CommandLine.Parsing.CommandResult)
        {
            names.Add(command.Parent is null ? "neardup" : command.Command.Name);
        }
        names.Reverse();
        // A mistyped command gives "Required command was not provided" first; the error naming what was typed says more.
        var error = parsed.UnmatchedTokens is [var typed, ..]
            ? parsed.Errors.FirstOrDefault(e => e.Message.Contains($"'{typed}'", StringComparison.Ordinal)) ?? parsed.Errors[0]
            : parsed.Errors[0];
        string more = parsed.Errors.Count > 1 ? $" (and {parsed.Errors.Count - 1} more)" : "";
        string why = parsed.CommandResult.Command.Name == "query" && parsed.UnmatchedTokens.FirstOrDefault(CommonOptions.SketchFlags.Contains) is { } flag
            ? $" query takes {flag} from the index (neardup index info DIR shows it)."
            : "";
        Console.Error.WriteLine($"error: {InCliTerms(error.Message)}{more}{why} See '{string.Join(' ', names)} --help'.");
        return CommandRunner.BadInput;
    }

    /// <summary>
    /// "Cannot parse argument 'abc' for option '--threads' as expected type 'System.Int32'." names a .NET type; the
    /// user typed a flag and wants to know what it takes.
    /// </summary>
    internal static string InCliTerms(string message)
    {
        var match = WrongType().Match(message);
        if (!match.Success)
        {
            return message;
        }
        string takes = match.Groups["type"].Value switch
        {
            "System.Int32" or "System.Int64" => "a whole number",
            "System.UInt64" => "a whole number of 0 or more",
            "System.Double" or "System.Single" => "a number",
            "System.Boolean" => "true or false",
            _ => "a value of another kind",
        };
        return $"{match.Groups["option"].Value} takes {takes}; got '{match.Groups["value"].Value}'.";
    }

    [GeneratedRegex(@"^Cannot parse argument '(?<value>.*)' for option '(?<option>[^']+)' as expected type '(?<type>[^']+)'")]
    private static partial Regex WrongType();
}
