using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Fails chosen key-partition adds in the shared test cluster, as calls to a silo that died fail: a test arms it for
/// its own index, so the other tests' calls pass through.
/// </summary>
internal static class InjectedFailures
{
    private static string? s_index;
    private static int s_keyAdds;

    /// <summary>Fails the next <paramref name="count"/> key-partition adds of index <paramref name="index"/>.</summary>
    public static void FailKeyAdds(string index, int count)
    {
        Volatile.Write(ref s_index, index);
        Volatile.Write(ref s_keyAdds, count);
    }

    /// <summary>The silos' incoming call filter.</summary>
    public static Task Filter(IIncomingGrainCallContext context) =>
        context.Grain is KeyPartitionGrain && context.InterfaceMethod.Name == nameof(IKeyPartitionGrain.Add)
            && Volatile.Read(ref s_index) is { } index && context.TargetId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
            && Interlocked.Decrement(ref s_keyAdds) >= 0
            ? throw new OrleansException("injected: the partition's silo is gone")
            : context.Invoke();
}
