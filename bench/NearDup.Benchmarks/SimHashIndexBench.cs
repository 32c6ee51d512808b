using BenchmarkDotNet.Attributes;
using NearDup.Indexing;

namespace NearDup.Benchmarks;

/// <summary>
/// SimHash index (Manku et al. block tables, max Hamming distance 3 → 4 tables of 16-bit blocks): building from
/// 64-bit hashes and querying 1000 of them. Hashes are seeded random; every other document is a copy of its
/// predecessor with 0–3 bits flipped, so each query has a true neighbour.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*SimHashIndexBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class SimHashIndexBench
{
    private const int Queries = 1000;

    private ulong[] _hashes = [];
    private int[] _documents = [];
    private SimHashIndex _index = null!;

    /// <summary>Documents in the index.</summary>
    [Params(10_000, 100_000)]
    public int Documents { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _hashes = new ulong[Documents];
        _documents = new int[Documents];
        for (int i = 0; i < Documents; i++)
        {
            _documents[i] = i;
            _hashes[i] = (ulong)random.NextInt64() ^ (ulong)random.NextInt64() << 1;
            if (i % 2 == 1)
            {
                _hashes[i] = _hashes[i - 1];
                for (int flips = random.Next(4); flips > 0; flips--)
                {
                    _hashes[i] ^= 1UL << random.Next(64);
                }
            }
        }
        _index = new SimHashIndex(_hashes, _documents, 3);
    }

    [Benchmark]
    public int Build() => new SimHashIndex(_hashes, _documents, 3).Count;

    /// <summary>Per operation = one query.</summary>
    [Benchmark(OperationsPerInvoke = Queries)]
    public int Query()
    {
        int found = 0;
        for (int i = 0; i < Queries; i++)
        {
            found += _index.Query(_hashes[i * 7 % _hashes.Length]).Length;
        }
        return found;
    }
}
