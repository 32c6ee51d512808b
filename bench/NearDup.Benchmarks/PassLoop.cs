using System.Diagnostics;
using System.Runtime.Intrinsics;
using System.Text.Json;
using NearDup.Clustering;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// One pass of the sketch path run over a JSONL file's texts a given number of times, without BenchmarkDotNet: after one
/// untimed repeat (which tiers the code up), the CPU time of the process over the timed repeats, in MB of text per CPU
/// second. On a loaded machine CPU time moves far less than wall time (the loop is single-threaded and counts only
/// while it runs), and a build of the base and one of the change run alternately on the same file compare the pass
/// alone. Run: <c>NearDup.Benchmarks pass-loop words|shingles|facts|sketch FILE.jsonl REPEATS</c>.
/// </summary>
internal static class PassLoop
{
    /// <summary>The command's first argument.</summary>
    public const string Command = "pass-loop";

    /// <summary>Runs the loop; returns the exit code.</summary>
    public static int Run(string[] args)
    {
        if (args.Length == 5 && args[1] == "ab")
        {
            return RunAlternately(args);
        }
        if (args.Length == 5 && args[1] == "ab-lib")
        {
            return RunLibrariesAlternately(args);
        }
        if (args.Length != 4 || !int.TryParse(args[3], out int repeats) || repeats < 0)
        {
            Console.Error.WriteLine("usage: pass-loop words|shingles|facts|sketch FILE.jsonl REPEATS (REPEATS >= 0)");
            return 2;
        }
        var texts = ReadTexts(args[2]);
        Func<byte[], ulong>? pass = Pass(args[1]);
        if (pass is null)
        {
            Console.Error.WriteLine($"pass-loop: unknown pass '{args[1]}'; give words, shingles, facts or sketch.");
            return 2;
        }
        ulong sum = Repeat(texts, pass, 1);
        var process = Process.GetCurrentProcess();
        var cpu = process.TotalProcessorTime;
        sum += Repeat(texts, pass, repeats);
        process.Refresh();
        double seconds = (process.TotalProcessorTime - cpu).TotalSeconds;
        double megabytes = (double)texts.Sum(t => (long)t.Length) * repeats / 1e6;
        Console.WriteLine(FormattableString.Invariant(
            $"{args[1]}: {texts.Count} texts x {repeats}, {megabytes:F1} MB in {seconds:F3} CPU s = {megabytes / seconds:F1} MB/CPU s (checksum {sum:x16}, Vector512 {Vector512.IsHardwareAccelerated})"));
        return 0;
    }

    /// <summary>
    /// <c>pass-loop ab PASS_A PASS_B FILE.jsonl</c>: the two passes alternately, 20 rounds of one repeat each after a
    /// warm-up round, in one process, so that both meet the same load; prints each pass's fastest and median round and
    /// the ratio of the medians.
    /// </summary>
    private static int RunAlternately(string[] args)
    {
        var texts = ReadTexts(args[4]);
        Func<byte[], ulong>? a = Pass(args[2]), b = Pass(args[3]);
        if (a is null || b is null)
        {
            Console.Error.WriteLine($"pass-loop ab: unknown pass '{(a is null ? args[2] : args[3])}'.");
            return 2;
        }
        return Alternate(() => Repeat(texts, a, 1), () => Repeat(texts, b, 1), args[2], args[3]);
    }

    private static int Alternate(Func<ulong> a, Func<ulong> b, string nameA, string nameB)
    {
        ulong sumA = a(), sumB = b();
        var timesA = new List<double>();
        var timesB = new List<double>();
        var cpuA = new List<double>();
        var cpuB = new List<double>();
        for (int round = 0; round < 20; round++)
        {
            double c0 = ThreadCpuClock.Milliseconds();
            long t0 = Stopwatch.GetTimestamp();
            sumA += a();
            long t1 = Stopwatch.GetTimestamp();
            double c1 = ThreadCpuClock.Milliseconds();
            sumB += b();
            cpuB.Add(ThreadCpuClock.Milliseconds() - c1);
            timesA.Add(Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds);
            timesB.Add(Stopwatch.GetElapsedTime(t1).TotalMilliseconds);
            cpuA.Add(c1 - c0);
        }
        timesA.Sort();
        timesB.Sort();
        cpuA.Sort();
        cpuB.Sort();
        Console.WriteLine(FormattableString.Invariant(
            $"{nameA}: min {timesA[0]:F1} ms, median {timesA[10]:F1}; {nameB}: min {timesB[0]:F1} ms, median {timesB[10]:F1}; B/A medians {timesB[10] / timesA[10]:F3}, mins {timesB[0] / timesA[0]:F3} (checksums {sumA:x16} {sumB:x16})"));
        if (ThreadCpuClock.IsAvailable)
        {
            Console.WriteLine(FormattableString.Invariant(
                $"  thread CPU: {nameA} min {cpuA[0]:F1} ms, median {cpuA[10]:F1}; {nameB} min {cpuB[0]:F1} ms, median {cpuB[10]:F1}; B/A medians {cpuB[10] / cpuA[10]:F3}, mins {cpuB[0] / cpuA[0]:F3}"));
        }
        return 0;
    }

    /// <summary>
    /// <c>pass-loop ab-lib facts|sketch|add BASE/NearDup.dll FILE.jsonl</c>: the pass of another build's library (A) and
    /// of this one's (B) alternately in one process (see <see cref="LibraryPasses"/>), as <c>ab</c> does for two passes;
    /// <c>add</c> is a round of the detector's add of the whole file on one thread (<see cref="LibraryPasses.AddRound"/>).
    /// </summary>
    private static int RunLibrariesAlternately(string[] args)
    {
        var baseLibrary = LibraryPasses.Load(args[3]);
        var texts = ReadTexts(args[4]);
        if (args[2] == "add")
        {
            return Alternate(LibraryPasses.AddRound(baseLibrary, texts), LibraryPasses.AddRound(typeof(Sketcher).Assembly, texts), "base add", "new add");
        }
        Func<byte[], ulong>? a = LibraryPasses.Pass(baseLibrary, args[2]), b = LibraryPasses.Pass(typeof(Sketcher).Assembly, args[2]);
        if (a is null || b is null)
        {
            Console.Error.WriteLine($"pass-loop ab-lib: unknown pass '{args[2]}'; give facts, sketch or add.");
            return 2;
        }
        return Alternate(() => Repeat(texts, a, 1), () => Repeat(texts, b, 1), "base " + args[2], "new " + args[2]);
    }

    private static ulong Repeat(List<byte[]> texts, Func<byte[], ulong> pass, int repeats)
    {
        ulong sum = 0;
        for (int r = 0; r < repeats; r++)
        {
            foreach (byte[] text in texts)
            {
                sum += pass(text);
            }
        }
        return sum;
    }

    private static List<byte[]> ReadTexts(string path)
    {
        var texts = new List<byte[]>();
        foreach (string line in File.ReadLines(path))
        {
            using var json = JsonDocument.Parse(line);
            texts.Add(System.Text.Encoding.UTF8.GetBytes(json.RootElement.GetProperty("text").GetString() ?? ""));
        }
        return texts;
    }

    private static readonly NearDupOptions s_options = new();
    private static readonly Shingler s_shingler = new(s_options.Shingles);
    private static readonly Sketcher s_sketcher = new(s_options);
    private static readonly uint[] s_bandKeys = new uint[s_sketcher.Lsh.Bands];
    private static readonly uint[] s_facts = new uint[FactHashes.MaxCount];
    private static ulong[] s_hashes = [];
    private static uint[] s_fingerprints = [];
    private static ushort[] s_positions = [];

    private static Func<byte[], ulong>? Pass(string name) => name switch
    {
        "words" => Words,
        "words-baseline" => WordsBaseline,
        "words-blocks" => WordsBlocks,
        "shingles" => Shingles,
        "facts" => Facts,
        "sketch" => Sketch,
        _ => KeySortVariants.Pass(name),
    };

    private static ulong Words(byte[] text)
    {
        Grow(text);
        var normalization = s_options.Shingles.Normalization;
        return Sum(Utf8WordHashes.Compute(text, normalization, s_options.Shingles.Seed, s_hashes));
    }

    private static ulong WordsBaseline(byte[] text)
    {
        Grow(text);
        var normalization = s_options.Shingles.Normalization;
        return Sum(Utf8WordHashesBaseline.Compute(text, normalization, s_options.Shingles.Seed, s_hashes));
    }

    private static ulong WordsBlocks(byte[] text)
    {
        Grow(text);
        var normalization = s_options.Shingles.Normalization;
        return Sum(Utf8WordHashes.ComputeBlocks(text, normalization, s_options.Shingles.Seed, s_hashes));
    }

    private static ulong Shingles(byte[] text)
    {
        Grow(text);
        return Sum(s_shingler.Compute(text, s_hashes));
    }

    private static ulong Facts(byte[] text) => (ulong)FactHashes.Compute(text, s_facts);

    private static ulong Sketch(byte[] text)
    {
        Grow(text);
        var header = s_sketcher.SketchInto(text, s_bandKeys, s_fingerprints, s_positions, s_facts);
        return header.SimHash ^ (ulong)header.FingerprintCount;
    }

    private static void Grow(byte[] text)
    {
        int max = Tokenizer.GetMaxWordCountUtf8(text.Length);
        if (s_hashes.Length < max)
        {
            s_hashes = new ulong[max];
            s_fingerprints = new uint[max];
            s_positions = new ushort[max];
        }
    }

    private static ulong Sum(int count)
    {
        ulong sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += s_hashes[i];
        }
        return sum;
    }
}
