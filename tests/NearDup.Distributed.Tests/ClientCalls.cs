namespace NearDup.Distributed.Tests;

/// <summary>
/// Records what the test client's grain calls send and return, within a test's own flow (an async-local log): what a client, the
/// batch run's coordinator, receives from a step, counted afterwards by the test.
/// </summary>
internal sealed class ClientCalls : IDisposable
{
    private static readonly AsyncLocal<ClientCalls?> s_current = new();
    private readonly List<(string Method, object? Result)> _calls = [];
    private readonly List<(string Method, object?[] Arguments)> _sent = [];

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

    /// <summary>The calls recorded so far: each method's name and its arguments, what the client sent.</summary>
    public IReadOnlyList<(string Method, object?[] Arguments)> Sent
    {
        get
        {
            lock (_calls)
            {
                return [.. _sent];
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
                log._sent.Add((context.InterfaceMethod.Name, [.. Enumerable.Range(0, context.Request.GetArgumentCount()).Select(context.Request.GetArgument)]));
            }
        }
    }

    public void Dispose() => s_current.Value = null;
}
