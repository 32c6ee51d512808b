using System.IO.Hashing;
using System.Runtime.InteropServices;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// Word tokenizing (fold, split, hash each word) over UTF-16 and UTF-8, against the naive baseline a first
/// version would write (lower-case, split on whitespace into strings, hash each string). 6000 bytes is a typical
/// news article; 64 bytes a title. Inputs are seeded generator prose (<see cref="BenchData"/>).
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*TokenizerBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class TokenizerBench
{
    private static readonly char[] s_whitespace = [' ', '\n', '\r', '\t'];

    private string _text = "";
    private byte[] _utf8 = [];
    private WordToken[] _tokens = [];
    private char[] _normalized = [];

    /// <summary>Document size in UTF-8 bytes.</summary>
    [Params(64, 1000, 6000, 65536)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _text = BenchData.Text(Bytes);
        _tokens = new WordToken[Tokenizer.GetMaxWordCount(_text.Length)];
        _normalized = new char[TextNormalizer.GetMaxNormalizedLength(_text.Length)];
    }

    /// <summary>Allocating baseline: one lower-cased copy, one string per word.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Tokenize")]
    public ulong NaiveSplit()
    {
        ulong acc = 0;
        foreach (string word in _text.ToLowerInvariant().Split(s_whitespace, StringSplitOptions.RemoveEmptyEntries))
        {
            acc ^= XxHash3.HashToUInt64(MemoryMarshal.AsBytes(word.AsSpan()));
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Tokenize")]
    public ulong Utf16Enumerate()
    {
        ulong acc = 0;
        foreach (var token in Tokenizer.EnumerateWords(_text.AsSpan()))
        {
            acc ^= token.Hash;
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Tokenize")]
    public ulong Utf8Enumerate()
    {
        ulong acc = 0;
        foreach (var token in Tokenizer.EnumerateWords(_utf8.AsSpan()))
        {
            acc ^= token.Hash;
        }
        return acc;
    }

    [Benchmark, BenchmarkCategory("Tokenize")]
    public int Utf16GetWords() => Tokenizer.GetWords(_text.AsSpan(), _tokens);

    /// <summary>Allocating baseline for normalization: the BCL's compatibility decomposition, then lower case.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("Normalize")]
    public int BclNormalizeLower() => _text.Normalize(System.Text.NormalizationForm.FormKD).ToLowerInvariant().Length;

    /// <summary>NFKD fold table, diacritics and punctuation dropped, whitespace collapsed, into a reused buffer.</summary>
    [Benchmark, BenchmarkCategory("Normalize")]
    public int Normalize() => TextNormalizer.Normalize(_text, _normalized);
}
