using BenchmarkDotNet.Attributes;
using NearDup.Indexing;
using NearDup.Signatures;

namespace NearDup.Benchmarks;

/// <summary>
/// MinHash LSH index (b = 25, r = 5 over k = 128, the detector's default for threshold 0.5): building from
/// signatures (<see cref="LshIndexBuilder.Add"/> of every document, then <see cref="LshIndexBuilder.Build"/> on one
/// thread) and querying 1000 indexed signatures. Signatures come from seeded synthetic shingle sets: 600 random
/// hashes per story, and about half the stories have a copy keeping 60–95% of them, so queries find real buckets.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*LshIndexBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class LshIndexBench
{
    private const int Queries = 1000;

    private ulong[][] _signatures = [];
    private LshParameters _parameters;
    private LshIndex _index = null!;

    /// <summary>Documents in the index.</summary>
    [Params(10_000, 100_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _signatures = SyntheticSets.Signatures(Documents, new MinHasher());
        _parameters = LshParameters.Optimal(0.5, 128);
        _index = BuildIndex();
    }

    /// <summary>Add every signature, then freeze; per operation = the whole index.</summary>
    [Benchmark]
    public int Insert() => BuildIndex().Count;

    /// <summary>Per operation = one query (band keys, 25 binary searches, sort and dedupe of the hits).</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int Query()
    {
        int found = 0;
        for (int i = 0; i < Queries; i++)
        {
            found += _index.Query(_signatures[i * 7 % _signatures.Length]).Length;
        }
        return found;
    }

    private LshIndex BuildIndex()
    {
        var builder = new LshIndexBuilder(_parameters);
        for (int i = 0; i < _signatures.Length; i++)
        {
            builder.Add(i, _signatures[i]);
        }
        return builder.Build(maxDegreeOfParallelism: 1);
    }
}

/// <summary>Seeded synthetic shingle sets with planted copies, for the index benchmarks.</summary>
internal static class SyntheticSets
{
    public const int ShinglesPerStory = 600;

    /// <summary>Shingle hash sets: document 2i+1 is, for half of i, a copy of 2i keeping 60–95% of its shingles.</summary>
    public static ulong[][] Sets(int documents, int seed = 42)
    {
        var random = new Random(seed);
        var sets = new ulong[documents][];
        for (int i = 0; i < documents; i++)
        {
            var set = new ulong[ShinglesPerStory];
            for (int j = 0; j < set.Length; j++)
            {
                set[j] = (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1;
            }
            if (i % 2 == 1 && random.Next(2) == 0)
            {
                double keep = 0.6 + random.NextDouble() * 0.35;
                for (int j = 0; j < set.Length; j++)
                {
                    if (random.NextDouble() < keep)
                    {
                        set[j] = sets[i - 1][j];
                    }
                }
            }
            sets[i] = set;
        }
        return sets;
    }

    public static ulong[][] Signatures(int documents, MinHasher hasher) => [.. Sets(documents).Select(s => hasher.Compute(s))];
}
