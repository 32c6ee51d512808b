using NearDup.Cli.Input;

namespace NearDup.Cli.Commands;

/// <summary>Runs a command body and turns failures into a clear message on stderr and a non-zero exit code.</summary>
internal static class CommandRunner
{
    /// <summary>Exit code of bad input or arguments.</summary>
    public const int BadInput = 2;

    /// <summary>Exit code when another writer holds the index: EX_TEMPFAIL of sysexits.h, "try again later".</summary>
    public const int Locked = 75;

    /// <summary>Exit code after Ctrl-C (128 + SIGINT).</summary>
    public const int Cancelled = 130;

    public static int Run(Func<int> body)
    {
        try
        {
            return body();
        }
        catch (InputException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return BadInput;
        }
        catch (OperationCanceledException)
        {
            Console.Error.WriteLine("cancelled: nothing was written.");
            return Cancelled;
        }
        catch (Persistence.IndexLockedException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return Locked;
        }
        catch (IOException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (UnauthorizedAccessException e)
        {
            Console.Error.WriteLine($"error: {e.Message}");
            return 1;
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
