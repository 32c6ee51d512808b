using System.Buffers.Binary;
using System.Diagnostics;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace NearDup.Text;

// The words of an all-ASCII text (digits kept) in two passes with no branch per word on the data: the first reads the
// text 64 bytes at a time and writes where each run of letters and digits starts and ends (a run's starts are the
// word bits whose byte before is not one; its ends the other bits whose byte before is), and with each start the 8
// bytes there and with each end the 8 before it; the second hashes the runs eight at a time from those loads.
// In such a text every word is such a run and no byte is special (WordMasks), so the block loop would hash the same
// runs; it branched on which block a word ends in and whether the next word lies in the same block, which are data.
// The loads are taken where the run finder has each position in a register: a pass of their own read every start and
// end back from memory, with a branch for the text's edges, and cost as much as finding the runs.
internal static partial class Utf8WordHashes
{
    /// <summary>Bytes per block of the run finder: one bit a byte in a <see cref="ulong"/> (<see cref="IRunClassifier"/>).</summary>
    internal const int RunBlock = 64;

    /// <summary>Positions written at once per block mask: a block holds ~10 words of English, rarely more than 16.</summary>
    private const int FlatWrites = 16;

    [ThreadStatic]
    private static int[]? t_bounds;

    [ThreadStatic]
    private static ulong[]? t_loads;

    [ThreadStatic]
    private static int[]? t_lengths;

    /// <summary>
    /// Room for the runs of a text of <paramref name="length"/> bytes in each of <see cref="FindRuns"/>'s run arrays: a
    /// run and the byte after it take two bytes, plus the slack of one block's unconditional writes.
    /// </summary>
    internal static int RunRoom(int length) => length / 2 + 2 + FlatWrites;

    /// <summary>
    /// The word hashes of <paramref name="text"/> with digits kept: what <see cref="ComputeBlocks"/> gives. The runs
    /// and non-ASCII bytes are found first; a text without non-ASCII bytes then hashes its runs one after the other
    /// (<see cref="HashRuns"/>), any other takes the block loop's decisions in the same order (<see cref="HashMixedRuns"/>).
    /// </summary>
    internal static int ComputeRuns(ReadOnlySpan<byte> text, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        Debug.Assert(!options.RemoveDigits);
        int n = text.Length;
        int room = RunRoom(n);
        int[] bounds = t_bounds is { } b && b.Length >= 2 * room + n ? b : (t_bounds = new int[2 * room + n]);
        ulong[] loads = t_loads is { } l && l.Length >= 2 * room ? l : (t_loads = new ulong[Math.Max(2 * room, 1024)]);
        var runs = new WordRuns(bounds.AsSpan(0, room), bounds.AsSpan(room, room), loads.AsSpan(0, room), loads.AsSpan(room, room));
        var specials = bounds.AsSpan(2 * room, n);
        int count = FindRuns(text, runs, specials, out int specialCount);
        runs = runs[..count];
        return specialCount == 0
            ? HashRuns(text, runs, options, seed, hashes)
            : HashMixedRuns(text, runs, specials[..specialCount], options, seed, hashes);
    }

    /// <summary>
    /// Writes the start and end (exclusive) of each run of ASCII letters and digits, with the 8 bytes at its start and
    /// the 8 that end it (<see cref="GatherRuns"/>'s loads), and the place of each non-ASCII byte to
    /// <paramref name="specials"/>; returns the number of runs, and of non-ASCII bytes in <paramref name="specialCount"/>.
    /// Each of <paramref name="runs"/>' arrays needs <see cref="RunRoom"/> entries.
    /// </summary>
    internal static int FindRuns(ReadOnlySpan<byte> text, WordRuns runs, Span<int> specials, out int specialCount) =>
        Vector512.IsHardwareAccelerated
            ? FindRuns<RunClassifier512>(text, runs, specials, out specialCount)
            : FindRuns<RunClassifier256>(text, runs, specials, out specialCount);

    /// <summary><see cref="FindRuns(ReadOnlySpan{byte}, WordRuns, Span{int}, out int)"/> with the blocks classified by <typeparamref name="TClassifier"/>.</summary>
    internal static int FindRuns<TClassifier>(ReadOnlySpan<byte> text, WordRuns runs, Span<int> specials, out int specialCount)
        where TClassifier : struct, IRunClassifier
    {
        int n = text.Length;
        ulong before = 0;
        int count = 0, endCount = 0;
        specialCount = 0;
        ref byte text0 = ref MemoryMarshal.GetReference(text);
        ref int start0 = ref MemoryMarshal.GetReference(runs.Starts);
        ref int end0 = ref MemoryMarshal.GetReference(runs.Ends);
        ref ulong first0 = ref MemoryMarshal.GetReference(runs.First8);
        ref ulong last0 = ref MemoryMarshal.GetReference(runs.Last8);
        ref int special0 = ref MemoryMarshal.GetReference(specials);
        Span<byte> last = stackalloc byte[RunBlock];
        // Runs started in the first block and ended from the first block near the text's end on: their loads are
        // gathered after the loop, through a copy where they touch the text's edges.
        int headRuns = 0, tailRuns = -1;
        for (int block = 0; block < n; block += RunBlock)
        {
            ulong word, nonAscii;
            if (block + RunBlock <= n)
            {
                word = TClassifier.WordBits(ref Unsafe.Add(ref text0, block), out nonAscii);
            }
            else
            {
                // The last bytes through a copy padded with spaces, which end a word as the text's end does.
                last.Fill((byte)' ');
                text[block..].CopyTo(last);
                word = TClassifier.WordBits(ref MemoryMarshal.GetReference(last), out nonAscii);
            }
            ulong shifted = word << 1 | before;
            before = word >> 63;
            // In such a block every load the flattening takes, a start's 8 bytes on or an end's 8 bytes back from any
            // position in it or just past it, lies in the text.
            if (block > 0 && block + RunBlock + sizeof(ulong) <= n)
            {
                count = FlattenLoading(ref start0, ref first0, count, word & ~shifted, block, ref text0);
                endCount = FlattenLoading(ref end0, ref last0, endCount, ~word & shifted, block, ref Unsafe.Subtract(ref text0, sizeof(ulong)));
            }
            else
            {
                tailRuns = block > 0 && tailRuns < 0 ? endCount : tailRuns;
                count = Flatten(ref start0, count, word & ~shifted, block);
                endCount = Flatten(ref end0, endCount, ~word & shifted, block);
                headRuns = block == 0 ? count : headRuns;
            }
            for (ulong high = nonAscii; high != 0; high &= high - 1)
            {
                Unsafe.Add(ref special0, specialCount++) = block + BitOperations.TrailingZeroCount(high);
            }
        }
        if (before != 0)
        {
            Unsafe.Add(ref end0, endCount) = n;
        }
        tailRuns = tailRuns < 0 ? count : Math.Max(tailRuns, headRuns);
        GatherRuns(text, runs[..headRuns]);
        GatherRuns(text, runs[tailRuns..count]);
        return count;
    }

    /// <summary>
    /// Appends <paramref name="block"/> plus the index of each set bit of <paramref name="bits"/> at
    /// <paramref name="count"/>: sixteen written whatever the count (the ones past it are overwritten later, and the
    /// room has a block's slack), so the loop's exit is taken only for a block of more than sixteen.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Flatten(ref int to, int count, ulong bits, int block)
    {
        int total = count + BitOperations.PopCount(bits);
        ref int slot = ref Unsafe.Add(ref to, count);
        for (int k = 0; k < FlatWrites; k++)
        {
            Unsafe.Add(ref slot, k) = block + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        for (int k = count + FlatWrites; k < total; k++)
        {
            Unsafe.Add(ref to, k) = block + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
        }
        return total;
    }

    /// <summary>
    /// <see cref="Flatten"/>, writing with each position <c>p</c> the 8 bytes at <paramref name="loadAt"/> + <c>p</c>
    /// to <paramref name="loads"/>: the caller's block keeps every such load, those of the unused slots (position
    /// <paramref name="block"/> + 64) included, inside the text.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int FlattenLoading(ref int to, ref ulong loads, int count, ulong bits, int block, ref byte loadAt)
    {
        int total = count + BitOperations.PopCount(bits);
        ref int slot = ref Unsafe.Add(ref to, count);
        ref ulong load = ref Unsafe.Add(ref loads, count);
        for (int k = 0; k < FlatWrites; k++)
        {
            int p = block + BitOperations.TrailingZeroCount(bits);
            Unsafe.Add(ref slot, k) = p;
            Unsafe.Add(ref load, k) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref loadAt, (nuint)(uint)p));
            bits &= bits - 1;
        }
        for (int k = count + FlatWrites; k < total; k++)
        {
            int p = block + BitOperations.TrailingZeroCount(bits);
            Unsafe.Add(ref to, k) = p;
            Unsafe.Add(ref loads, k) = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref loadAt, (nuint)(uint)p));
            bits &= bits - 1;
        }
        return total;
    }

    /// <summary>The hash of each run found by <see cref="FindRuns"/> in a text of ASCII bytes only, as <see cref="ComputeBlocks"/> hashes it.</summary>
    private static int HashRuns(ReadOnlySpan<byte> text, WordRuns runs, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        HashRunRange(text, runs, options, seed, hashes[..runs.Count]);
        return runs.Count;
    }

    /// <summary>
    /// The hashes of <paramref name="runs"/>, none of which a non-ASCII byte touches, into <paramref name="hashes"/> (as
    /// long as the runs): from each run's two 8-byte loads and length together (<see cref="ShortXxHash3.HashAsciiWords"/>);
    /// a run over 16 bytes is hashed by the scanner after. What <see cref="HashRun"/> gives, run by run.
    /// </summary>
    private static void HashRunRange(ReadOnlySpan<byte> text, WordRuns runs, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        int words = hashes.Length;
        int[] lengths = t_lengths is { } m && m.Length >= 2 * words ? m : (t_lengths = new int[Math.Max(2 * words, 1024)]);
        var longRuns = lengths.AsSpan(words, words);
        int longCount = RunLengths.Compute(runs.Starts[..words], runs.Ends[..words], lengths.AsSpan(0, words), longRuns);
        ShortXxHash3.HashAsciiWords(runs.First8[..words], runs.Last8[..words], lengths.AsSpan(0, words), seed, hashes);
        if (longCount > 0)
        {
            HashLongRuns(text, runs.Starts, longRuns[..longCount], options, seed, hashes);
        }
    }

    /// <summary>
    /// Writes each run's 8 bytes at its start and the 8 that end it, one run after the other: the reference of the
    /// loads <see cref="FindRuns"/> takes while flattening, and its way for the runs near the text's edges, where a run
    /// among the text's first or last 8 bytes is read through a copy (<see cref="LoadEdgeRun"/>).
    /// </summary>
    internal static void GatherRuns(ReadOnlySpan<byte> text, WordRuns runs)
    {
        ref byte text0 = ref MemoryMarshal.GetReference(text);
        int lastLoad = text.Length - sizeof(ulong);
        for (int w = 0; w < runs.Count; w++)
        {
            int start = runs.Starts[w], end = runs.Ends[w];
            if (start <= lastLoad && end >= sizeof(ulong))
            {
                runs.First8[w] = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text0, start));
                runs.Last8[w] = Unsafe.ReadUnaligned<ulong>(ref Unsafe.Add(ref text0, end - sizeof(ulong)));
            }
            else
            {
                LoadEdgeRun(text, start, end, out runs.First8[w], out runs.Last8[w]);
            }
        }
    }

    /// <summary>The two loads of a run near the text's start or end, read through a copy with room around the run.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void LoadEdgeRun(ReadOnlySpan<byte> text, int start, int end, out ulong first8, out ulong last8)
    {
        Span<byte> room = stackalloc byte[3 * sizeof(ulong)];
        room.Clear();
        int length = Math.Min(end - start, 2 * sizeof(ulong));
        text.Slice(start, length).CopyTo(room[sizeof(ulong)..]);
        first8 = BinaryPrimitives.ReadUInt64LittleEndian(room[sizeof(ulong)..]);
        last8 = BinaryPrimitives.ReadUInt64LittleEndian(room[length..]);
    }

    /// <summary>Overwrites the hash of each run over 16 bytes (their indices, <paramref name="longRuns"/>) with the scanner's (<see cref="LongWord"/>).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void HashLongRuns(ReadOnlySpan<byte> text, ReadOnlySpan<int> starts, ReadOnlySpan<int> longRuns, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        foreach (int w in longRuns)
        {
            hashes[w] = LongWord(text, starts[w], options, seed);
        }
    }

    /// <summary>
    /// The hashes of a text with non-ASCII bytes: each run is hashed in place unless a non-ASCII byte touches it,
    /// and from each non-ASCII byte before the next run the scanner reads a word, as the block loop does, which
    /// stops at the first word char or special byte after where it stands; a word the scanner reads may take in
    /// the runs after it. The runs between two non-ASCII bytes, nearly all of a text with a few quotes or dashes,
    /// are hashed one after the other as <see cref="HashRuns"/> hashes them (<see cref="HashRunsBefore"/>).
    /// </summary>
    private static int HashMixedRuns(ReadOnlySpan<byte> text, WordRuns runs, ReadOnlySpan<int> specials, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        ReadOnlySpan<int> starts = runs.Starts, ends = runs.Ends;
        ref byte text0 = ref MemoryMarshal.GetReference(text);
        var scanner = new WordScanner<byte>(text, options, seed);
        int count = 0, position = 0, next = 0, w = 0;
        while (w < starts.Length)
        {
            // Bytes before the position were read with the word that took them in.
            while (next < specials.Length && specials[next] < position)
            {
                next++;
            }
            if (starts[w] >= position)
            {
                int hashed = HashRunsBefore(text, runs, ref w, next < specials.Length ? specials[next] : int.MaxValue, options, seed, hashes[count..]);
                if (hashed > 0)
                {
                    count += hashed;
                    position = ends[w - 1];
                    continue;
                }
            }
            int end = ends[w];
            // Words the scanner reads from each non-ASCII byte before the run.
            while (next < specials.Length && specials[next] < Math.Max(starts[w], position) && position < end)
            {
                if (specials[next] >= position)
                {
                    count += Scan(ref scanner, specials[next], hashes[count..], ref position);
                }
                next++;
            }
            int start = Math.Max(starts[w], position);
            w++;
            if (start >= end)
            {
                continue;
            }
            if (end - start <= ShortXxHash3.MaxLength && (next >= specials.Length || specials[next] != end))
            {
                hashes[count++] = HashRun(text, ref text0, start, end - start, options, seed);
                position = end;
                continue;
            }
            count += Scan(ref scanner, start, hashes[count..], ref position);
        }
        for (; next < specials.Length; next++)
        {
            if (specials[next] >= position)
            {
                count += Scan(ref scanner, specials[next], hashes[count..], ref position);
            }
        }
        return count;
    }

    /// <summary>
    /// Hashes the runs from run <paramref name="w"/> on that end before the non-ASCII byte at <paramref name="limit"/>
    /// and moves <paramref name="w"/> past them; returns how many. No non-ASCII byte lies in or beside such a run (the
    /// caller has read every one before the first run), so each is the word the block loop hashes in place, or, over 16
    /// bytes, the scanner's word, which ends where the run does.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int HashRunsBefore(ReadOnlySpan<byte> text, WordRuns runs, ref int w, int limit, NormalizationOptions options, ulong seed, Span<ulong> hashes)
    {
        int first = w, k = w;
        while (k < runs.Count && runs.Ends[k] < limit)
        {
            k++;
        }
        HashRunRange(text, runs[first..k], options, seed, hashes[..(k - first)]);
        w = k;
        return k - first;
    }

    /// <summary>The scanner's next word from <paramref name="from"/> (none at the text's end); moves <paramref name="position"/> past it.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Scan(ref WordScanner<byte> scanner, int from, Span<ulong> hashes, ref int position)
    {
        scanner.Seek(from);
        bool found = scanner.Next(out var token);
        if (found)
        {
            hashes[0] = token.Hash;
        }
        position = scanner.Position;
        return found ? 1 : 0;
    }

    /// <summary>
    /// The hash of the run of <paramref name="length"/> ASCII word chars at <paramref name="start"/>: with no branch
    /// on its length unless it is among the first or last eight bytes of the text or over 16 bytes long.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong HashRun(ReadOnlySpan<byte> text, ref byte text0, int start, int length, NormalizationOptions options, ulong seed)
    {
        ref byte word = ref Unsafe.Add(ref text0, start);
        return length > ShortXxHash3.MaxLength ? LongWord(text, start, options, seed)
            : start + sizeof(ulong) <= text.Length && start + length >= sizeof(ulong) ? ShortXxHash3.HashAsciiWordSelect(ref word, length, seed)
            : ShortXxHash3.HashAsciiWord(ref word, length, seed);
    }

    /// <summary>A run over 16 bytes, hashed by the scanner (which reads the same run in an ASCII text).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private static ulong LongWord(ReadOnlySpan<byte> text, int start, NormalizationOptions options, ulong seed)
    {
        var scanner = new WordScanner<byte>(text, options, seed);
        scanner.Seek(start);
        scanner.Next(out var token);
        return token.Hash;
    }
}
