using NearDup.Distributed.Grains;

namespace NearDup.Distributed.Tests;

/// <summary>
/// Fails chosen partition calls in the shared test cluster, as calls to a silo that died, or to a partition still
/// loading its state, fail: a test arms it for its own index, so the other tests' calls pass through.
/// </summary>
internal static class InjectedFailures
{
    private static string? s_index;
    private static string? s_method;
    private static int s_count;

    /// <summary>Fails the next <paramref name="count"/> key-partition adds of index <paramref name="index"/>.</summary>
    public static void FailKeyAdds(string index, int count) => Fail(index, nameof(IKeyPartitionGrain.Add), count);

    /// <summary>Fails the next <paramref name="count"/> listing calls (<see cref="IDocumentPartitionGrain.Scan"/>) of index <paramref name="index"/>.</summary>
    public static void FailScans(string index, int count) => Fail(index, nameof(IDocumentPartitionGrain.Scan), count);

    private static void Fail(string index, string method, int count)
    {
        Volatile.Write(ref s_index, index);
        Volatile.Write(ref s_method, method);
        Volatile.Write(ref s_count, count);
    }

    /// <summary>The silos' incoming call filter.</summary>
    public static Task Filter(IIncomingGrainCallContext context) =>
        (context.Grain is KeyPartitionGrain or DocumentPartitionGrain) && context.InterfaceMethod.Name == Volatile.Read(ref s_method)
            && (context.Grain is KeyPartitionGrain) == (context.InterfaceMethod.Name == nameof(IKeyPartitionGrain.Add))
            && Volatile.Read(ref s_index) is { } index && context.TargetId.Key.ToString()!.StartsWith(index + "/", StringComparison.Ordinal)
            && Interlocked.Decrement(ref s_count) >= 0
            ? throw new OrleansException("injected: the partition's silo is gone")
            : context.Invoke();
}
