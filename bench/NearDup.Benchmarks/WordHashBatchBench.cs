using BenchmarkDotNet.Attributes;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The word hashes of a text's runs, gathered (each run's 8 bytes at its start, the 8 that end it, its length):
/// <see cref="ShortXxHash3.HashAsciiWordsScalar"/> one word at a time (the baseline and reference) against
/// <see cref="ShortXxHash3.HashAsciiWordsVector256"/> (AVX2), four words a step, and
/// <see cref="ShortXxHash3.HashAsciiWordsVector512"/>, eight (each run only where the machine has it). Lengths 1 to 16 drawn as English text
/// has them; word counts hitting a vector step's tail. Run:
/// <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*WordHashBatchBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class WordHashBatchBench
{
    private ulong[] _first8 = [], _last8 = [], _hashes = [];
    private int[] _lengths = [];

    /// <summary>Words a call: a short piece, and about one news text (855 words) and a long one.</summary>
    [Params(13, 855, 4096)]
    public int Words { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(25);
        int[] englishLengths = [1, 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 6, 6, 7, 7, 8, 9, 10, 11, 12, 14, 16];
        _first8 = new ulong[Words];
        _last8 = new ulong[Words];
        _hashes = new ulong[Words];
        _lengths = new int[Words];
        for (int i = 0; i < Words; i++)
        {
            _first8[i] = (ulong)random.NextInt64();
            _last8[i] = (ulong)random.NextInt64();
            _lengths[i] = englishLengths[random.Next(englishLengths.Length)];
        }
    }

    [Benchmark(Baseline = true)]
    public ulong Scalar()
    {
        ShortXxHash3.HashAsciiWordsScalar(_first8, _last8, _lengths, 0x5EED, _hashes);
        return _hashes[^1];
    }

    [Benchmark]
    public ulong Simd256()
    {
        ShortXxHash3.HashAsciiWordsVector256(_first8, _last8, _lengths, 0x5EED, _hashes);
        return _hashes[^1];
    }

    [Benchmark]
    public ulong Simd512()
    {
        ShortXxHash3.HashAsciiWordsVector512(_first8, _last8, _lengths, 0x5EED, _hashes);
        return _hashes[^1];
    }
}
