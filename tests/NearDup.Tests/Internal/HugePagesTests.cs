using NearDup.Internal;

namespace NearDup.Tests.Internal;

/// <summary><see cref="HugePages.Allocate{T}(int)"/>: a zeroed array of the length asked, below and above the huge-page size, that keeps what is written through collections (with zeroed false the same, unzeroed); <see cref="HugePages.PopulateAhead{T}"/> changes no element, written or not.</summary>
public sealed class HugePagesTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData((int)(HugePages.MinBytes / sizeof(ulong)) - 1)]
    [InlineData((int)(HugePages.MinBytes / sizeof(ulong)) + 12345)]
    public void Allocate_Length_ZeroedAndKeepsWrites(int length)
    {
        var array = HugePages.Allocate<ulong>(length);
        Assert.Equal(length, array.Length);
        Assert.True(array.AsSpan().IndexOfAnyExcept(0UL) < 0, "the array is not zeroed");
        for (int i = 0; i < length; i += 4093)
        {
            array[i] = (ulong)i * 0x9E3779B97F4A7C15UL + 1;
        }
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        for (int i = 0; i < length; i += 4093)
        {
            Assert.Equal((ulong)i * 0x9E3779B97F4A7C15UL + 1, array[i]);
        }
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1000)]
    [InlineData((int)(HugePages.MinBytes / sizeof(uint)) - 1)]
    [InlineData((int)(HugePages.MinBytes / sizeof(uint)) + 12345)]
    public void Allocate_NotZeroed_LengthAndKeepsWrites(int length) => AssertKeepsWrites(HugePages.Allocate<uint>(length, zeroed: false), length);

    /// <summary>Writes every element of <paramref name="array"/>, compacts the heap, and checks each one kept its value.</summary>
    private static void AssertKeepsWrites(uint[] array, int length)
    {
        Assert.Equal(length, array.Length);
        for (int i = 0; i < length; i++)
        {
            array[i] = (uint)i * 0x9E3779B9u + 1;
        }
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal((uint)i * 0x9E3779B9u + 1, array[i]);
        }
    }

    [Theory]
    [InlineData(1000, 0, 1000)]
    [InlineData((int)(HugePages.MinBytes / sizeof(uint)) + 12345, 1 << 20, 1 << 20)]
    [InlineData((int)(HugePages.MinBytes / sizeof(uint)) + 12345, 777, (int)(HugePages.MinBytes / sizeof(uint)) + 12345 - 777)]
    public async Task PopulateAhead_Range_KeepsEveryElement(int length, int start, int count)
    {
        var array = GC.AllocateUninitializedArray<uint>(length);
        // The range's first half written before the call (a page being filled), the rest after it.
        int half = start + count / 2;
        for (int i = 0; i < half; i++)
        {
            array[i] = (uint)i * 0x9E3779B9u + 1;
        }
        await HugePages.PopulateAhead(array, start, count);
        for (int i = half; i < length; i++)
        {
            array[i] = (uint)i * 0x9E3779B9u + 1;
        }
        await HugePages.PopulateAhead(array, 0, length);
        for (int i = 0; i < length; i++)
        {
            Assert.Equal((uint)i * 0x9E3779B9u + 1, array[i]);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => { _ = HugePages.PopulateAhead(array, start, length - start + 1); });
    }
}
