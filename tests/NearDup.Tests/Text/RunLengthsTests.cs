using System.Runtime.Intrinsics;
using NearDup.Text;

namespace NearDup.Tests.Text;

/// <summary>
/// The run lengths and long-run indices (<see cref="RunLengths"/>): the scalar form against a plain loop, and the
/// AVX2 and AVX-512 forms against the scalar one, on run counts that end inside and after whole vector steps, with long runs
/// in any lane.
/// </summary>
public sealed class RunLengthsTests
{
    // Runs as a text has them, each start after the end before: gaps of 1-3 bytes, lengths mostly 1-16, some over.
    private static readonly Gen<(int[] Starts, int[] Ends)> s_runs = Gen.Select(Gen.Int[1, 3], Gen.Frequency(
        (8, Gen.Int[1, ShortXxHash3.MaxLength]),
        (1, Gen.Int[ShortXxHash3.MaxLength + 1, 140]))).Array[0, 3 * Vector512<int>.Count + 1].Select(pairs =>
        {
            int[] starts = new int[pairs.Length], ends = new int[pairs.Length];
            int position = 0;
            for (int i = 0; i < pairs.Length; i++)
            {
                starts[i] = position + pairs[i].Item1;
                ends[i] = starts[i] + pairs[i].Item2;
                position = ends[i];
            }
            return (starts, ends);
        });

    [Fact]
    public void ComputeScalar_EqualsALoop() =>
        s_runs.Sample(runs =>
        {
            var (lengths, longRuns) = Room(runs.Starts.Length);
            int longCount = RunLengths.ComputeScalar(runs.Starts, runs.Ends, lengths, longRuns, 0, 0);
            int[] expected = [.. runs.Starts.Select((s, i) => runs.Ends[i] - s)];
            Assert.Equal(expected, lengths);
            Assert.Equal([.. Enumerable.Range(0, expected.Length).Where(i => expected[i] > ShortXxHash3.MaxLength)], longRuns[..longCount]);
        }, iter: 2_000);

    [Fact]
    public void ComputeVector512_EqualsScalarTwin()
    {
        Assert.SkipUnless(Vector512.IsHardwareAccelerated, "no AVX-512 here");
        AssertEqualsScalarTwin(RunLengths.ComputeVector512);
    }

    [Fact]
    public void ComputeVector256_EqualsScalarTwin()
    {
        Assert.SkipUnless(Vector256.IsHardwareAccelerated, "no AVX2 here");
        AssertEqualsScalarTwin(RunLengths.ComputeVector256);
    }

    private delegate int LengthKernel(ReadOnlySpan<int> starts, ReadOnlySpan<int> ends, Span<int> lengths, Span<int> longRuns);

    private static void AssertEqualsScalarTwin(LengthKernel kernel) =>
        s_runs.Sample(runs =>
        {
            var (lengths, longRuns) = Room(runs.Starts.Length);
            var (expectedLengths, expectedLong) = Room(runs.Starts.Length);
            int expectedCount = RunLengths.ComputeScalar(runs.Starts, runs.Ends, expectedLengths, expectedLong, 0, 0);
            int longCount = kernel(runs.Starts, runs.Ends, lengths, longRuns);
            Assert.Equal(expectedLengths, lengths);
            Assert.Equal(expectedLong[..expectedCount], longRuns[..longCount]);
        }, iter: 5_000);

    private static (int[] Lengths, int[] LongRuns) Room(int count) => (new int[count], new int[count]);
}
