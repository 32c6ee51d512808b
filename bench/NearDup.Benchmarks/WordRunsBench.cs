using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// The run finder's kernels on generated news prose: <c>Loads</c> is <see cref="Utf8WordHashes.FindRuns"/>, which
/// takes each run's two 8-byte loads while flattening, against the same followed by the run-by-run
/// <see cref="Utf8WordHashes.GatherRuns"/> over every run (the separate pass the fusion took out, baseline);
/// <c>Lengths</c> is <see cref="RunLengths.ComputeScalar"/> (baseline, the reference) against
/// <see cref="RunLengths.ComputeVector256"/> and <see cref="RunLengths.ComputeVector512"/>; <c>Sentence</c> is the facts' look back for a sentence mark from every
/// capital's word start, <see cref="FactHashes.OpensSentence{TUnit}"/> (baseline) against
/// <see cref="FactHashes.OpensSentenceAsciiVector256"/>. Run:
/// <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*WordRunsBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
public class WordRunsBench
{
    private byte[] _text = [];
    private int[] _starts = [], _ends = [], _specials = [], _lengths = [], _longRuns = [], _capitals = [];
    private ulong[] _first8 = [], _last8 = [];
    private int _runs;

    /// <summary>Bytes of prose: a short piece, about one news text, and a long one.</summary>
    [Params(200, 6000, 60000)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _text = BenchData.Utf8(Bytes);
        int room = Utf8WordHashes.RunRoom(_text.Length);
        (_starts, _ends, _first8, _last8) = (new int[room], new int[room], new ulong[room], new ulong[room]);
        _specials = new int[_text.Length];
        _runs = Utf8WordHashes.FindRuns(_text, Runs(), _specials, out _);
        (_lengths, _longRuns) = (new int[_runs], new int[_runs]);
        _capitals = [.. Enumerable.Range(0, _text.Length).Where(i => char.IsAsciiLetterUpper((char)_text[i]) && (i == 0 || _text[i - 1] == ' '))];
    }

    [Benchmark(Baseline = true), BenchmarkCategory("Loads")]
    public int FindThenGather()
    {
        int runs = Utf8WordHashes.FindRuns(_text, Runs(), _specials, out _);
        Utf8WordHashes.GatherRuns(_text, Runs()[..runs]);
        return runs;
    }

    [Benchmark, BenchmarkCategory("Loads")]
    public int FindLoading() => Utf8WordHashes.FindRuns(_text, Runs(), _specials, out _);

    [Benchmark(Baseline = true), BenchmarkCategory("Lengths")]
    public int LengthsScalar() => RunLengths.ComputeScalar(_starts.AsSpan(0, _runs), _ends.AsSpan(0, _runs), _lengths, _longRuns, 0, 0);

    [Benchmark, BenchmarkCategory("Lengths")]
    public int LengthsSimd256() => RunLengths.ComputeVector256(_starts.AsSpan(0, _runs), _ends.AsSpan(0, _runs), _lengths, _longRuns);

    [Benchmark, BenchmarkCategory("Lengths")]
    public int LengthsSimd512() => RunLengths.ComputeVector512(_starts.AsSpan(0, _runs), _ends.AsSpan(0, _runs), _lengths, _longRuns);

    [Benchmark(Baseline = true), BenchmarkCategory("Sentence")]
    public int OpensSentenceScalar()
    {
        int opens = 0;
        foreach (int start in _capitals)
        {
            opens += FactHashes.OpensSentence<byte>(_text, start) ? 1 : 0;
        }
        return opens;
    }

    [Benchmark, BenchmarkCategory("Sentence")]
    public int OpensSentenceSimd256()
    {
        int opens = 0;
        foreach (int start in _capitals)
        {
            opens += FactHashes.OpensSentenceAsciiVector256(_text, start) ? 1 : 0;
        }
        return opens;
    }

    private WordRuns Runs() => new(_starts, _ends, _first8, _last8);
}
