using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using NearDup.Clustering;
using NearDup.Text;

namespace NearDup.Benchmarks;

/// <summary>
/// Fingerprint-key sorts for <c>pass-loop ab</c>, on the keys of each text as the sampler makes them at sample rate 1
/// (fingerprint over position, positions ascending), computed once a text and copied before each sort, so that every
/// sort meets another text's keys (a benchmark sorting one array again and again lets the branch predictor learn it):
/// <c>sort-radix</c> is the library's four 8-bit LSD passes (<see cref="Sketcher.SortFingerprints"/>), <c>sort-lsd11</c>
/// three passes of 11, 11 and 10 bits, here only, to see whether a pass fewer pays for histograms eight times larger;
/// <c>sort-network</c> the library's bucket scatter and networks for the machine's widest tier (<see cref="Sketcher.NetworkSort"/>);
/// <c>sort-network4</c> its AVX2 form, 4-lane networks, on any machine with AVX2 (<see cref="Sketcher.NetworkSort4"/>).
/// </summary>
internal static class KeySortVariants
{
    private const int Bits = 11;
    private const int Digits = 1 << Bits;

    private static readonly Dictionary<byte[], ulong[]> s_keys = new(ReferenceEqualityComparer.Instance);
    private static readonly Shingler s_shingler = new();
    private static ulong[] s_work = [], s_scratch = [];

    /// <summary>The sort pass of this name, or null.</summary>
    public static Func<byte[], ulong>? Pass(string name) => name switch
    {
        "sort-radix" => text => Sort(text, static (keys, scratch) => Sketcher.SortFingerprints(keys, scratch)),
        "sort-lsd11" => text => Sort(text, Lsd11),
        "sort-network" => text => Sort(text, Network),
        "sort-network4" => text => Sort(text, Network4),
        _ => null,
    };

    private delegate void SortCall(Span<ulong> keys, Span<ulong> scratch);

    private static ulong Sort(byte[] text, SortCall sort)
    {
        if (!s_keys.TryGetValue(text, out var keys))
        {
            var shingles = new ulong[s_shingler.GetMaxShingleCountUtf8(text.Length)];
            int count = s_shingler.Compute(text, shingles);
            keys = [.. shingles.Take(count).Select((h, i) => (h & 0xFFFF_FFFF_0000_0000UL) | (uint)i)];
            s_keys[text] = keys;
        }
        if (s_work.Length < keys.Length)
        {
            s_work = new ulong[keys.Length];
            s_scratch = new ulong[keys.Length + 8];
        }
        var work = s_work.AsSpan(0, keys.Length);
        keys.CopyTo(work);
        sort(work, s_scratch);
        ulong sum = 0;
        for (int i = 0; i < work.Length; i += 64)
        {
            sum += work[i] * (ulong)(i + 1);
        }
        return sum;
    }

    private static void Network(Span<ulong> keys, Span<ulong> scratch)
    {
        if (Sketcher.CanNetworkSort(keys.Length, scratch.Length))
        {
            Sketcher.NetworkSort(keys, scratch);
        }
        else
        {
            Sketcher.SortFingerprints(keys, scratch);
        }
    }

    private static void Network4(Span<ulong> keys, Span<ulong> scratch)
    {
        if (Sketcher.CanNetworkSort4(keys.Length, scratch.Length))
        {
            Sketcher.NetworkSort4(keys, scratch);
        }
        else
        {
            Sketcher.SortFingerprints(keys, scratch);
        }
    }

    /// <summary>Stable LSD radix sort on the fingerprint half in passes of 11, 11 and 10 bits (histograms counted in one read).</summary>
    [SkipLocalsInit]
    private static void Lsd11(Span<ulong> keys, Span<ulong> scratch)
    {
        if (keys.Length < 64)
        {
            keys.Sort();
            return;
        }
        Span<int> counts = stackalloc int[3 * Digits];
        counts.Clear();
        ref int c0 = ref MemoryMarshal.GetReference(counts);
        foreach (ulong key in keys)
        {
            Unsafe.Add(ref c0, (int)(key >> 32) & (Digits - 1))++;
            Unsafe.Add(ref c0, Digits + ((int)(key >> 43) & (Digits - 1)))++;
            Unsafe.Add(ref c0, 2 * Digits + (int)(key >> 54))++;
        }
        var to = scratch[..keys.Length];
        Scatter(keys, to, counts[..Digits], 32);
        Scatter(to, keys, counts.Slice(Digits, Digits), 43);
        Scatter(keys, to, counts.Slice(2 * Digits, Digits), 54);
        to.CopyTo(keys);
    }

    private static void Scatter(ReadOnlySpan<ulong> from, Span<ulong> to, Span<int> counts, int shift)
    {
        int sum = 0;
        for (int d = 0; d < counts.Length; d++)
        {
            int c = counts[d];
            counts[d] = sum;
            sum += c;
        }
        ref int next = ref MemoryMarshal.GetReference(counts);
        ref ulong target = ref MemoryMarshal.GetReference(to);
        foreach (ulong key in from)
        {
            Unsafe.Add(ref target, Unsafe.Add(ref next, (int)(key >> shift) & (Digits - 1))++) = key;
        }
    }
}
