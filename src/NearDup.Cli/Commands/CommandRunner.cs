namespace NearDup.Cli.Commands;

/// <summary>Runs a command body and turns failures into a clear message on stderr and a non-zero exit code (<see cref="CliError"/>).</summary>
internal static class CommandRunner
{
    /// <inheritdoc cref="CliError.BadInput"/>
    public const int BadInput = CliError.BadInput;

    /// <summary>Runs <paramref name="body"/>; <paramref name="indexDirectory"/> is the index folder it reads, if any.</summary>
    public static int Run(Func<int> body, string? indexDirectory = null)
    {
        try
        {
            return body();
        }
        catch (Exception e) when (CliError.Map(e, indexDirectory) is { } error)
        {
            Console.Error.WriteLine(error.Message);
            return error.Code;
        }
    }

    /// <summary>A token cancelled by Ctrl-C; the first Ctrl-C cancels cleanly, the process is not killed.</summary>
    public static CancellationTokenSource CancelOnCtrlC()
    {
        var source = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            source.Cancel();
        };
        return source;
    }
}
