using System.Runtime.Intrinsics;
using NearDup.Signatures;

namespace NearDup.Tests.Signatures;

/// <summary>Seeded generators and kernel lists shared by the signature tests.</summary>
internal static class SignatureTestData
{
    /// <summary>Lengths 0..3 × the widest vector of ulongs, covering every tail of every tier.</summary>
    public static readonly int MaxTailLength = 3 * Vector512<ulong>.Count;

    /// <summary>Signature lengths including ones that are not multiples of any vector width.</summary>
    public static readonly int[] PermutationCounts = [1, 3, 8, 13, 64, 128, 200];

    /// <summary>Every kernel by name, accelerated or not (the non-accelerated tiers run in software).</summary>
    public static TheoryData<string> KernelNames()
    {
        var data = new TheoryData<string>();
        foreach (var pair in SignatureKernels.All)
        {
            data.Add(pair.Key);
        }
        return data;
    }

    public static ulong[] RandomHashes(Random random, int count)
    {
        var hashes = new ulong[count];
        random.NextBytes(System.Runtime.InteropServices.MemoryMarshal.AsBytes(hashes.AsSpan()));
        return hashes;
    }

    /// <summary>
    /// Two sets of distinct random hashes with exactly <paramref name="common"/> shared elements out of a union
    /// of <paramref name="union"/>; the rest is split at random between the two. Returns the exact Jaccard.
    /// </summary>
    public static double OverlappingSets(Random random, int union, int common, out ulong[] a, out ulong[] b)
    {
        var distinct = new HashSet<ulong>();
        while (distinct.Count < union)
        {
            distinct.Add((ulong)random.NextInt64() ^ ((ulong)random.Next() << 63));
        }
        ulong[] all = [.. distinct];
        var listA = new List<ulong>(all[..common]);
        var listB = new List<ulong>(all[..common]);
        for (int i = common; i < union; i++)
        {
            (random.Next(2) == 0 ? listA : listB).Add(all[i]);
        }
        a = [.. listA];
        b = [.. listB];
        return (double)common / union;
    }
}
