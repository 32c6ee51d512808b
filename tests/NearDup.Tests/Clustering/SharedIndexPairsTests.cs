using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// <see cref="SharedIndexPairs"/>, the merge a query's score and judge share: <see cref="SharedIndexPairs.Collect"/>
/// counts what <see cref="QueryScoring.CountShared"/> counts, and <see cref="SharedIndexPairs.Tell{TSink}"/> passes on
/// the index pairs <see cref="SharedIndexMerge.Merge{TSink}"/> and its scalar twin find, in their order, for one reused
/// instance over sets of any length and overlap; evidence measured from it is the evidence of the merge.
/// </summary>
public sealed class SharedIndexPairsTests
{
    // Sorted distinct sets from a range near their size (dense overlap, near-copies) or far above it (sparse).
    private static readonly Gen<uint[]> s_set = Gen.Select(Gen.Int[0, 400], Gen.Int[1, 4]).SelectMany((size, spread) =>
        Gen.UInt[0, (uint)(size * spread * spread + 8)].Array[size].Select(values => values.Distinct().Order().ToArray()));

    [Fact]
    public void Collect_CountsAndTellsWhatTheMergeFinds_ReusedAcrossPairs()
    {
        // One instance reused across samples, as a query's worker reuses it: so one thread, not CsCheck's parallel default.
        var merged = new SharedIndexPairs();
        Gen.Select(s_set, s_set).Sample((a, b) =>
        {
            var vector = new Recorder { Pairs = [] };
            SharedIndexMerge.Merge(a, b, ref vector);
            var scalar = new Recorder { Pairs = [] };
            SharedIndexMerge.MergeScalar(a, b, 0, 0, ref scalar);

            Assert.Equal(QueryScoring.CountShared(a, b), merged.Collect(a, b));
            Assert.True(merged.Merged(a.Length, b.Length));
            var told = new Recorder { Pairs = [] };
            merged.Tell(a, b, ref told);

            Assert.Equal(scalar.Pairs, vector.Pairs);
            Assert.Equal(vector.Pairs, told.Pairs);
        }, threads: 1);
    }

    [Fact]
    public void Forget_LeavesNoPairForAnyLengths()
    {
        var merged = new SharedIndexPairs();
        uint[] a = [1, 2, 3], b = [2, 3, 4];
        Assert.Equal(2, merged.Collect(a, b));
        merged.Forget();
        Assert.False(merged.Merged(a.Length, b.Length));
    }

    [Theory]
    [InlineData(1, false)]
    [InlineData(2, true)]
    public void MeasureBoth_FromTheScoresMerge_EqualsItsOwnMerge(int seed, bool keepOrder)
    {
        var random = new Random(seed);
        var merged = new SharedIndexPairs();
        for (int round = 0; round < 100; round++)
        {
            var (a, positionsA) = Text(random, random.Next(20, 600));
            // b: most of a's shingles at their positions moved by an edit, plus its own.
            var kept = a.Select((fp, i) => (fp, Position: positionsA[i])).Where(_ => random.Next(10) < 8).ToList();
            var shift = keepOrder ? 0 : random.Next(0, 300);
            var own = Text(random, random.Next(0, 200));
            var b = kept.Select(p => (p.fp, Position: (ushort)((p.Position + shift) % 700)))
                .Concat(own.Fingerprints.Select((fp, i) => (fp, Position: (ushort)(700 + own.Positions[i]))))
                .DistinctBy(p => p.fp).OrderBy(p => p.fp).ToArray();
            uint[] fingerprintsB = [.. b.Select(p => p.fp)];
            ushort[] positionsB = [.. b.Select(p => p.Position)];
            merged.Collect(a, fingerprintsB);
            var expected = PairEvidence.MeasureBoth(a, positionsA, 700, 0, fingerprintsB, positionsB, 1000, 0, BoilerplateFilter.None, 1, 8);
            var actual = PairEvidence.MeasureBoth(a, positionsA, 700, 0, fingerprintsB, positionsB, 1000, 0, BoilerplateFilter.None, 1, 8, merged);
            Assert.Equal(expected, actual);
            Assert.Equal(expected.Forward, PairEvidence.Measure(a, positionsA, 700, 0, fingerprintsB, positionsB, 1000, 0, BoilerplateFilter.None, 1, 8, merged));
        }
    }

    /// <summary>Distinct sorted fingerprints with distinct positions below 700.</summary>
    private static (uint[] Fingerprints, ushort[] Positions) Text(Random random, int shingles)
    {
        var positions = Enumerable.Range(0, 700).OrderBy(_ => random.Next()).Take(shingles).ToArray();
        var pairs = positions.Select(p => ((uint)random.Next(), (ushort)p)).DistinctBy(p => p.Item1).OrderBy(p => p.Item1).ToArray();
        return ([.. pairs.Select(p => p.Item1)], [.. pairs.Select(p => p.Item2)]);
    }

    /// <summary>Keeps every (index in A, index in B) passed on.</summary>
    private struct Recorder : ISharedFingerprintSink
    {
        public List<(int, int)> Pairs;

        public readonly void Add(int indexA, int indexB) => Pairs.Add((indexA, indexB));
    }
}
