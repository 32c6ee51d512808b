using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// Shingle hashes of one document: word 5-grams (tokenize, hash words, combine five word hashes per shingle) and
/// character 5-grams (normalize, XXH3 of each 10-byte window), from UTF-16 and UTF-8, into a reused buffer. The
/// naive baseline builds each word 5-gram as a string (Lucene ShingleFilter style) and hashes it.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*ShingleBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class ShingleBench
{
    private static readonly char[] s_whitespace = [' ', '\n', '\r', '\t'];

    private string _text = "";
    private byte[] _utf8 = [];
    private ulong[] _buffer = [];
    private Shingler _word5 = null!, _char5 = null!;

    /// <summary>Document size in UTF-8 bytes.</summary>
    [Params(1000, 6000, 65536)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _text = BenchData.Text(Bytes);
        _word5 = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Word, Size = 5 });
        _char5 = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Character, Size = 5 });
        _buffer = new ulong[Math.Max(_word5.GetMaxShingleCount(_utf8.Length), _char5.GetMaxShingleCount(_utf8.Length))];
    }

    /// <summary>Allocating baseline: lower-case, split, join each five consecutive words into a string, hash it.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Word5")]
    public ulong NaiveWord5()
    {
        string[] words = _text.ToLowerInvariant().Split(s_whitespace, StringSplitOptions.RemoveEmptyEntries);
        ulong acc = 0;
        for (int i = 0; i + 5 <= words.Length; i++)
        {
            acc ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(string.Join(' ', words, i, 5).AsSpan()));
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Word5")]
    public int Word5Utf16() => _word5.Compute(_text.AsSpan(), _buffer);

    [Benchmark, BenchmarkCategory("Word5")]
    public int Word5Utf8() => _word5.Compute(_utf8.AsSpan(), _buffer);

    [Benchmark(Baseline = true), BenchmarkCategory("Char5")]
    public int Char5Utf16() => _char5.Compute(_text.AsSpan(), _buffer);

    [Benchmark, BenchmarkCategory("Char5")]
    public int Char5Utf8() => _char5.Compute(_utf8.AsSpan(), _buffer);
}
