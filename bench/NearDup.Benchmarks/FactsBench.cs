using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The facts pass (<see cref="FactHashes"/>: figures and names, 64 smallest hashes) beside the word 5-gram pass it
/// runs next to, on one document from UTF-8 and UTF-16: what the facts cost on the sketch path; and the scan of an
/// all-ASCII text with its words read 32 bytes a step (<c>FactHashes.ReadAsciiWordVector256</c>) against the scalar
/// twin that reads them a byte at a time (the same document with its non-ASCII bytes made spaces).
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*FactsBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[ThroughputColumn]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class FactsBench
{
    private string _text = "";
    private byte[] _utf8 = [];
    private byte[] _ascii = [];
    private uint[] _found = [];
    private ulong[] _buffer = [];
    private Shingler _word5 = null!;

    /// <summary>Document size in UTF-8 bytes.</summary>
    [Params(6000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _utf8 = BenchData.Utf8(Bytes);
        _text = BenchData.Text(Bytes);
        _word5 = new Shingler(new ShingleOptions { Scheme = ShingleScheme.Word, Size = 5 });
        _buffer = new ulong[_word5.GetMaxShingleCount(_utf8.Length)];
        _ascii = [.. _utf8.Select(b => b < 0x80 ? b : (byte)' ')];
        _found = new uint[_ascii.Length / 2 + 1];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Utf8")]
    public int Word5Utf8() => _word5.Compute(_utf8.AsSpan(), _buffer);

    [Benchmark, BenchmarkCategory("Utf8")]
    public int FactsUtf8() => FactHashes.Compute(_utf8.AsSpan()).Length;

    [Benchmark(Baseline = true), BenchmarkCategory("Utf16")]
    public int Word5Utf16() => _word5.Compute(_text.AsSpan(), _buffer);

    [Benchmark, BenchmarkCategory("Utf16")]
    public int FactsUtf16() => FactHashes.Compute(_text.AsSpan()).Length;

    [Benchmark(Baseline = true), BenchmarkCategory("ScanAscii")]
    public int ScanWordsScalar() => FactHashes.Scan<byte>(_ascii, _found, vectorWords: false);

    [Benchmark, BenchmarkCategory("ScanAscii")]
    public int ScanWordsVector256() => FactHashes.Scan<byte>(_ascii, _found, vectorWords: true);
}
