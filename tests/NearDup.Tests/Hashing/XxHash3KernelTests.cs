using NearDup.Hashing;

namespace NearDup.Tests.Hashing;

/// <summary>Every long-input kernel the machine accelerates must agree with the scalar reference kernel.</summary>
public sealed class XxHash3KernelTests
{
    private const int StripeLength = 64;
    private const int BlockLength = 1024;
    private const int Vector512Bytes = 64;

    public static TheoryData<string> Kernels => new(XxHash3.Kernels.Select(k => k.Key));

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Accumulate_RandomStripes_MatchesScalar(string kernel)
    {
        var random = new Random(1234);
        for (int stripes = 0; stripes <= 3 * 16; stripes++)
        {
            byte[] input = HashTestData.RandomBytes(random, stripes * StripeLength);
            // Secret words are read at 8 * stripe + 8 * lane, so a run of n stripes needs 8n + 56 bytes (+ slack).
            byte[] secret = HashTestData.RandomBytes(random, (8 * stripes) + 64);
            ulong[] expected = RandomAccumulators(random);
            ulong[] actual = (ulong[])expected.Clone();

            XxHash3.ScalarKernel.Accumulate(ref expected[0], ref Ref(input), ref secret[0], (nuint)stripes);
            Accumulate(kernel, actual, input, secret, stripes);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Scramble_RandomAccumulators_MatchesScalar(string kernel)
    {
        var random = new Random(4321);
        for (int trial = 0; trial < 64; trial++)
        {
            byte[] secret = HashTestData.RandomBytes(random, 64);
            ulong[] expected = RandomAccumulators(random);
            ulong[] actual = (ulong[])expected.Clone();

            XxHash3.ScalarKernel.Scramble(ref expected[0], ref secret[0]);
            Scramble(kernel, actual, secret);
            Assert.Equal(expected, actual);
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void HashToUInt64_EveryLengthUpToThreeBlocks_MatchesScalar(string kernel)
    {
        // 0 .. 3 blocks + 3 widest vectors covers every short path, each partial-block stripe count and
        // every tail misalignment against the 64-byte stripes, with and without a seed.
        XxHash3.AccumulateKernel pinned = Resolve(kernel);
        var random = new Random(99);
        byte[] data = HashTestData.RandomBytes(random, (3 * BlockLength) + (3 * Vector512Bytes));
        long seed = random.NextInt64();
        for (int length = 0; length <= data.Length; length++)
        {
            ReadOnlySpan<byte> source = data.AsSpan(0, length);
            Assert.Equal(XxHash3.HashToUInt64(source, 0, XxHash3.AccumulateKernel.Scalar), XxHash3.HashToUInt64(source, 0, pinned));
            Assert.Equal(XxHash3.HashToUInt64(source, seed, XxHash3.AccumulateKernel.Scalar), XxHash3.HashToUInt64(source, seed, pinned));
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void HashToUInt64_LongInputs_MatchesScalar(string kernel)
    {
        XxHash3.AccumulateKernel pinned = Resolve(kernel);
        var random = new Random(7);
        foreach (int length in (int[])[16 * BlockLength, (64 * BlockLength) + 1, 100_003, 1 << 20])
        {
            byte[] data = HashTestData.RandomBytes(random, length);
            long seed = random.NextInt64();
            Assert.Equal(XxHash3.HashToUInt64(data, 0, XxHash3.AccumulateKernel.Scalar), XxHash3.HashToUInt64(data, 0, pinned));
            Assert.Equal(XxHash3.HashToUInt64(data, seed, XxHash3.AccumulateKernel.Scalar), XxHash3.HashToUInt64(data, seed, pinned));
        }
    }

    [Theory]
    [MemberData(nameof(Kernels))]
    public void Append_RandomChunks_MatchesScalarOneShot(string kernel)
    {
        XxHash3.AccumulateKernel pinned = Resolve(kernel);
        var random = new Random(2024);
        foreach (int length in HashTestData.StreamingLengths)
        {
            byte[] data = HashTestData.RandomBytes(random, length);
            long seed = random.Next(2) == 0 ? 0 : random.NextInt64();
            var hasher = new XxHash3(seed, pinned);
            foreach (Range chunk in HashTestData.RandomChunks(random, length))
            {
                hasher.Append(data.AsSpan(chunk));
            }

            Assert.Equal(XxHash3.HashToUInt64(data, seed, XxHash3.AccumulateKernel.Scalar), hasher.GetCurrentHashAsUInt64());
        }
    }

    [Fact]
    public void Kernels_Always_EndWithScalar()
    {
        Assert.Equal("Scalar", XxHash3.Kernels[^1].Key);
        Assert.Equal(XxHash3.AccumulateKernel.Scalar, XxHash3.Kernels[^1].Value);
    }

    [Fact]
    public void SelectKernel_KnownNameAnyCase_PinsIt()
    {
        Assert.Equal(XxHash3.AccumulateKernel.Scalar, XxHash3.SelectKernel("scalar"));
        foreach (KeyValuePair<string, XxHash3.AccumulateKernel> entry in XxHash3.Kernels)
        {
            Assert.Equal(entry.Value, XxHash3.SelectKernel(entry.Key.ToUpperInvariant()));
        }
    }

    [Fact]
    public void SelectKernel_NullOrUnknown_PicksWidest()
    {
        Assert.Equal(XxHash3.Kernels[0].Value, XxHash3.SelectKernel(null));
        Assert.Equal(XxHash3.Kernels[0].Value, XxHash3.SelectKernel(""));
        Assert.Equal(XxHash3.Kernels[0].Value, XxHash3.SelectKernel("Vector1024"));
    }

    [Fact]
    public void ActiveKernel_ForceVariable_IsHonoured()
    {
        string? forced = Environment.GetEnvironmentVariable(XxHash3.ForceKernelVariable);
        XxHash3.AccumulateKernel expected = XxHash3.Kernels
            .FirstOrDefault(k => string.Equals(k.Key, forced, StringComparison.OrdinalIgnoreCase), XxHash3.Kernels[0]).Value;
        Assert.Equal(expected, XxHash3.ActiveKernel);
    }

    private static XxHash3.AccumulateKernel Resolve(string kernel) =>
        XxHash3.Kernels.Single(k => k.Key == kernel).Value;

    private static ref byte Ref(byte[] bytes) => ref bytes.Length == 0 ? ref s_empty[0] : ref bytes[0];

    private static readonly byte[] s_empty = new byte[1];

    private static ulong[] RandomAccumulators(Random random)
    {
        var acc = new ulong[8];
        for (int i = 0; i < acc.Length; i++)
        {
            acc[i] = (ulong)random.NextInt64() ^ ((ulong)random.Next(2) << 63);
        }

        return acc;
    }

    private static void Accumulate(string kernel, ulong[] acc, byte[] input, byte[] secret, int stripes)
    {
        switch (Resolve(kernel))
        {
            case XxHash3.AccumulateKernel.Vector512:
                XxHash3.Vector512Kernel.Accumulate(ref acc[0], ref Ref(input), ref secret[0], (nuint)stripes);
                break;
            case XxHash3.AccumulateKernel.Vector256:
                XxHash3.Vector256Kernel.Accumulate(ref acc[0], ref Ref(input), ref secret[0], (nuint)stripes);
                break;
            case XxHash3.AccumulateKernel.Vector128:
                XxHash3.Vector128Kernel.Accumulate(ref acc[0], ref Ref(input), ref secret[0], (nuint)stripes);
                break;
            default:
                XxHash3.ScalarKernel.Accumulate(ref acc[0], ref Ref(input), ref secret[0], (nuint)stripes);
                break;
        }
    }

    private static void Scramble(string kernel, ulong[] acc, byte[] secret)
    {
        switch (Resolve(kernel))
        {
            case XxHash3.AccumulateKernel.Vector512:
                XxHash3.Vector512Kernel.Scramble(ref acc[0], ref secret[0]);
                break;
            case XxHash3.AccumulateKernel.Vector256:
                XxHash3.Vector256Kernel.Scramble(ref acc[0], ref secret[0]);
                break;
            case XxHash3.AccumulateKernel.Vector128:
                XxHash3.Vector128Kernel.Scramble(ref acc[0], ref secret[0]);
                break;
            default:
                XxHash3.ScalarKernel.Scramble(ref acc[0], ref secret[0]);
                break;
        }
    }
}
