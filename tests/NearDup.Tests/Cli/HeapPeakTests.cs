using NearDup.Cli;

namespace NearDup.Tests.Cli;

/// <summary>
/// <see cref="HeapPeak"/>: an array allocated and let go between two takes is in the first take's peak, and a take
/// starts again from the heap as it is then.
/// </summary>
[Collection(ProcessHeapCollection.Name)]
public sealed class HeapPeakTests
{
    [Fact]
    public void Take_ArrayAllocatedSinceTheLastTake_IsInThePeak()
    {
        const int Bytes = 256 << 20;
        using var peak = new HeapPeak();
        long before = GC.GetTotalMemory(forceFullCollection: true);
        peak.Take();

        long allocated = TakeWithArray(peak, Bytes);
        GC.Collect();
        peak.Take();
        var (afterwards, _) = peak.Take();

        // A sixteenth of the array's size as slack: the runner's own garbage from before may be collected meanwhile.
        Assert.True(allocated >= before + Bytes - Bytes / 16, $"peak {allocated:N0} bytes, the heap {before:N0} before an array of {Bytes:N0}");
        Assert.True(afterwards < before + Bytes / 2, $"the take after the array was collected still counts it: {afterwards:N0} bytes, {before:N0} before");
    }

    /// <summary>The peak taken while an array of <paramref name="bytes"/> is held; in a method of its own, so that no slot of the caller's keeps the array.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.NoInlining)]
    private static long TakeWithArray(HeapPeak peak, int bytes)
    {
        var array = GC.AllocateUninitializedArray<byte>(bytes);
        long allocated = peak.Take().Allocated;
        GC.KeepAlive(array);
        return allocated;
    }
}
