namespace NearDup.Clustering;

/// <summary>
/// A stable least-significant-digit radix sort of (32-bit key, value) pairs by key: three counting passes of 11 bits,
/// no comparisons, so pairs appended in value order come out sorted by (key, value) without a second sort.
/// </summary>
internal static class StableRadixSort
{
    private const int DigitBits = 11;
    private const int Digits = 1 << DigitBits;

    /// <summary>Sorts <paramref name="keys"/> and <paramref name="values"/> together by key, keeping equal keys' order.</summary>
    public static void Sort(uint[] keys, int[] values)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(values.Length, keys.Length);
        var keyScratch = GC.AllocateUninitializedArray<uint>(keys.Length);
        var valueScratch = GC.AllocateUninitializedArray<int>(keys.Length);
        var (fromKeys, fromValues, toKeys, toValues) = (keys, values, keyScratch, valueScratch);
        for (int shift = 0; shift < 32; shift += DigitBits)
        {
            if (Pass(fromKeys, fromValues, toKeys, toValues, shift))
            {
                (fromKeys, fromValues, toKeys, toValues) = (toKeys, toValues, fromKeys, fromValues);
            }
        }
        if (fromKeys != keys)
        {
            fromKeys.CopyTo(keys, 0);
            fromValues.CopyTo(values, 0);
        }
    }

    /// <summary>One counting pass on the digit at <paramref name="shift"/>; false (nothing moved) when every key has the same digit.</summary>
    private static bool Pass(uint[] keys, int[] values, uint[] toKeys, int[] toValues, int shift)
    {
        var starts = new int[Digits];
        foreach (uint key in keys)
        {
            starts[(key >> shift) & (Digits - 1)]++;
        }
        if (keys.Length == 0 || starts[(keys[0] >> shift) & (Digits - 1)] == keys.Length)
        {
            return false;
        }
        for (int d = 0, sum = 0; d < Digits; d++)
        {
            (starts[d], sum) = (sum, sum + starts[d]);
        }
        for (int i = 0; i < keys.Length; i++)
        {
            int at = starts[(keys[i] >> shift) & (Digits - 1)]++;
            toKeys[at] = keys[i];
            toValues[at] = values[i];
        }
        return true;
    }
}
