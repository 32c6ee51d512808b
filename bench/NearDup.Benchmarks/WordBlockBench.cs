using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The block word path's kernels beside their references, on one generated news document (with the generator's
/// non-ASCII names): word hashes found a block at a time (<see cref="Utf8WordHashes"/>) against the word scanner's
/// streaming loop; the block masks (<see cref="WordMasks"/>) in Vector256 and Vector128 against the scalar twin over
/// every 32-byte block; and the shingle sums (<see cref="ShingleCombine"/>) four at a time against one at a time.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*WordBlockBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class WordBlockBench
{
    private const int ShingleSize = 5;

    private byte[] _utf8 = [];
    private ulong[] _hashes = [];
    private ulong[] _words = [];
    private ulong[] _work = [];
    private ulong[] _keys = [];
    private int _wordCount;

    /// <summary>Document size in UTF-8 bytes.</summary>
    [Params(6000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _hashes = new ulong[Tokenizer.GetMaxWordCountUtf8(_utf8.Length)];
        _wordCount = Utf8WordHashes.Compute(_utf8, NormalizationOptions.Default, 0, _hashes);
        _words = _hashes[.._wordCount];
        _work = new ulong[_wordCount];
        // Any odd keys serve: the kernels' cost does not depend on their values.
        _keys = [.. Enumerable.Range(0, ShingleSize).Select(j => 0x9E3779B97F4A7C15UL * (ulong)(2 * j + 1))];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("WordHashes")]
    public ulong Scanner()
    {
        var scanner = new WordScanner<byte>(_utf8, NormalizationOptions.Default, 0);
        ulong sum = 0;
        while (scanner.Next(out var token))
        {
            sum += token.Hash;
        }
        return sum;
    }

    /// <summary>The path <see cref="Utf8WordHashes.Compute"/> takes here: the runs' (AVX2 or AVX-512), else the block loop.</summary>
    [Benchmark, BenchmarkCategory("WordHashes")]
    public int Blocks() => Utf8WordHashes.Compute(_utf8, NormalizationOptions.Default, 0, _hashes);

    /// <summary>The block loop whatever the machine (<see cref="Utf8WordHashes.ComputeBlocks"/>), beside <see cref="Blocks"/>.</summary>
    [Benchmark, BenchmarkCategory("WordHashes")]
    public int BlockLoop() => Utf8WordHashes.ComputeBlocks(_utf8, NormalizationOptions.Default, 0, _hashes);

    /// <summary>The block loop as it was at 2dc3418 (<see cref="Utf8WordHashesBaseline"/>), beside <see cref="Blocks"/>.</summary>
    [Benchmark, BenchmarkCategory("WordHashes")]
    public int BlocksBaseline() => Utf8WordHashesBaseline.Compute(_utf8, NormalizationOptions.Default, 0, _hashes);

    [Benchmark(Baseline = true), BenchmarkCategory("Masks")]
    public uint MasksScalar()
    {
        uint acc = 0;
        for (int i = 0; i + WordMasks.BlockSize <= _utf8.Length; i += WordMasks.BlockSize)
        {
            WordMasks.Scalar(_utf8.AsSpan(i, WordMasks.BlockSize), removeDigits: false, out uint word, out uint special);
            acc += word ^ special;
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Masks")]
    public uint MasksVector128()
    {
        uint acc = 0;
        for (int i = 0; i + WordMasks.BlockSize <= _utf8.Length; i += WordMasks.BlockSize)
        {
            WordMasks.Vector128Form(ref _utf8[i], removeDigits: false, out uint word, out uint special);
            acc += word ^ special;
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Masks")]
    public uint MasksVector256()
    {
        uint acc = 0;
        for (int i = 0; i + WordMasks.BlockSize <= _utf8.Length; i += WordMasks.BlockSize)
        {
            WordMasks.Vector256Form(ref _utf8[i], removeDigits: false, out uint word, out uint special);
            acc += word ^ special;
        }
        return acc;
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Combine")]
    public ulong CombineScalar()
    {
        _words.CopyTo(_work, 0);
        ShingleCombine.Scalar(_work, 0, _wordCount - ShingleSize + 1, _keys, 0);
        return _work[0];
    }

    [Benchmark, BenchmarkCategory("Combine")]
    public ulong CombineVector256()
    {
        _words.CopyTo(_work, 0);
        ShingleCombine.CombineVector256(_work, _wordCount - ShingleSize + 1, _keys, 0);
        return _work[0];
    }
}
