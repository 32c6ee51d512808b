using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The folded passing bits of the boilerplate filter's pass 2: never drop a product whose slot passed.</summary>
public sealed class PassingFilterTests
{
    [Theory]
    [InlineData(10, 3)]      // fewer slots than the folded array: nothing folded
    [InlineData(20, 50)]
    [InlineData(26, 400_000)] // folded to the largest array, 2^22 bits
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
}
