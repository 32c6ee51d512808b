namespace NearDup.Distributed.Tests;

/// <summary>
/// Records what the test client's grain calls return, within a test's own flow (an async-local log): what a client, the
/// batch run's coordinator, receives from a step, counted afterwards by the test.
/// </summary>
internal sealed class ClientCalls : IDisposable
{
    private static readonly AsyncLocal<ClientCalls?> s_current = new();
    private readonly List<(string Method, object? Result)> _calls = [];

    private ClientCalls()
    {
    }

    /// <summary>The calls recorded so far: each method's name and what it returned.</summary>
    public IReadOnlyList<(string Method, object? Result)> Calls
    {
        get
        {
            lock (_calls)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Starts recording the calls of this flow until disposed.</summary>
    public static ClientCalls Start() => s_current.Value = new ClientCalls();

    /// <summary>The client's outgoing call filter.</summary>
    public static async Task Filter(IOutgoingGrainCallContext context)
    {
        await context.Invoke();
        if (s_current.Value is { } log)
        {
            lock (log._calls)
            {
                log._calls.Add((context.InterfaceMethod.Name, context.Result));
            }
        }
    }

    public void Dispose() => s_current.Value = null;
}
