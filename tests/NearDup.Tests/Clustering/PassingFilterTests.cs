using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The folded passing bits of the boilerplate filter's pass 2: never drop a product whose slot passed.</summary>
public sealed class PassingFilterTests
{
    [Theory]
    [InlineData(10, 3)]      // fewer slots than the folded array: nothing folded
    [InlineData(20, 50)]
    [InlineData(26, 400_000)] // folded to the largest array, 2^23 bits
    public void Keep_EveryProductWhoseSlotPassed_AndDropsMostOthers(int slotBits, int passingSlots)
    {
        var random = new Random(slotBits);
        var passing = new ulong[(1 << slotBits) / 64];
        var slots = new HashSet<uint>();
        while (slots.Count < Math.Min(passingSlots, 1 << slotBits))
        {
            slots.Add((uint)random.Next(1 << slotBits));
        }
        foreach (uint slot in slots)
        {
            passing[slot >> 6] |= 1UL << (int)slot;
        }

        var filter = PassingFilter.Fold(passing, slots.Count, slotBits);

        int shift = 32 - slotBits;
        foreach (uint slot in slots)
        {
            // The lowest and highest product of the slot.
            Assert.Equal(1, filter.Keep(slot << shift));
            Assert.Equal(1, filter.Keep((slot << shift) | (uint)((1L << shift) - 1)));
        }
        int kept = 0, others = 0;
        for (int i = 0; i < 20_000; i++)
        {
            uint product = (uint)random.NextInt64(0, 1L << 32);
            if (!slots.Contains(product >> shift))
            {
                others++;
                kept += filter.Keep(product);
            }
        }
        Assert.True(kept <= others / 8, $"kept {kept} of {others} products whose slot did not pass");
    }

    /// <summary>
    /// The eight-at-a-time filter (<see cref="PassingFilter.KeepVector256(ReadOnlySpan{uint}, uint, Span{uint})"/>, through <see cref="BoilerplateFilter.KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/>)
    /// against its scalar twin: the same values kept in the same order, at lengths around the vector width, with no
    /// value written past the kept ones, for filters that keep few, about half, or all.
    /// </summary>
    [Theory]
    [InlineData(10, 3)]
    [InlineData(16, 4_000)]
    [InlineData(24, 300_000)]
    [InlineData(12, 4_096)] // every slot passes: every value kept
    public void KeepPassing_EqualsScalarTwin(int slotBits, int passingSlots)
    {
        var random = new Random(slotBits * 31 + passingSlots);
        var passing = new ulong[Math.Max(1, (1 << slotBits) / 64)];
        for (int k = 0; k < passingSlots; k++)
        {
            uint slot = (uint)random.Next(1 << slotBits);
            passing[slot >> 6] |= 1UL << (int)slot;
        }
        if (passingSlots >= 1 << slotBits)
        {
            passing.AsSpan().Fill(ulong.MaxValue);
        }
        var filter = PassingFilter.Fold(passing, passing.Sum(w => (long)System.Numerics.BitOperations.PopCount(w)), slotBits);
        foreach (int length in (int[])[0, 1, 7, 8, 9, 15, 16, 17, 31, 33, 64, 100, 1_000, 4_999])
        {
            var fingerprints = new uint[length];
            for (int i = 0; i < length; i++)
            {
                fingerprints[i] = (uint)random.NextInt64(0, 1L << 32);
            }
            var expected = new uint[length];
            int expectedCount = BoilerplateFilter.KeepPassingScalar(fingerprints, filter, expected);
            var actual = Enumerable.Repeat(0xDEADBEEFu, length + 8).ToArray();
            int count = BoilerplateFilter.KeepPassing(fingerprints, filter, actual.AsSpan(0, length));

            Assert.Equal(expected.AsSpan(0, expectedCount).ToArray(), actual.AsSpan(0, count).ToArray());
            Assert.All(actual.AsSpan(length).ToArray(), v => Assert.Equal(0xDEADBEEFu, v));
            foreach (bool compress in (bool[])[false, true])
            {
                if (PassingFilter.KeepsVector256 && length >= 8 && (!compress || System.Runtime.Intrinsics.X86.Avx512F.VL.IsSupported))
                {
                    // Each way of packing the kept lanes, whichever the machine would take.
                    var packed = new uint[length];
                    var (read, kept) = filter.KeepVector256(fingerprints, BoilerplateFilter.CountSlotMultiplier, packed, compress);
                    Assert.Equal(length & ~7, read);
                    var scalar = new uint[read];
                    int scalarCount = BoilerplateFilter.KeepPassingScalar(fingerprints.AsSpan(0, read), filter, scalar);
                    Assert.Equal(scalar.AsSpan(0, scalarCount).ToArray(), packed.AsSpan(0, kept).ToArray());
                }
            }
        }
    }
}
