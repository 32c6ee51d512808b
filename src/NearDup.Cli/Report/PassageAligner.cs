using System.Diagnostics;
using System.Buffers;
using System.Globalization;
using NearDup.Text;

namespace NearDup.Cli.Report;

/// <summary>
/// Finds the passages a canonical text and a copy share, as maximal runs of at least
/// <c>minWords</c> consecutive equal words (case-folded, punctuation ignored).
/// </summary>
/// <remarks>
/// Greedy string tiling (M. Wise, "String similarity via greedy string tiling and running Karp-Rabin
/// matching", 1993; the algorithm of JPlag): every position where the first <c>minWords</c> words of
/// both texts agree is found through a hash table of the canonical text's word n-grams, extended to a
/// maximal run, and the runs are then accepted longest first; a run that overlaps words already
/// tiled is cut into its untiled pieces, which are queued again if still long enough. Each word is
/// therefore in at most one passage on each side, which is what a highlight needs, and repeated or
/// reordered paragraphs are matched too (unlike a diff, which only finds in-order matches).
/// Afterwards the heaviest chain of passages in the same order in both texts (weighted longest
/// increasing subsequence) is flagged <see cref="SharedPassage.InOrder"/> so the report can line those
/// up side by side.
/// </remarks>
internal static class PassageAligner
{
    /// <summary>
    /// Positions of one n-gram visited in the canonical text. Bounds the work on degenerate texts (the
    /// same sentence a thousand times); a real shared passage still has other, rarer n-grams.
    /// </summary>
    private const int MaxCandidatesPerGram = 32;

    /// <summary>Above this many passages the in-order chain is found in O(k log k) without weights.</summary>
    private const int MaxWeightedChain = 4096;

    /// <summary>
    /// Shared passages of <paramref name="a"/> (canonical) and <paramref name="b"/> (copy), sorted by
    /// their position in <paramref name="b"/>.
    /// </summary>
    public static IReadOnlyList<SharedPassage> Align(string a, string b, int minWords)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        ArgumentOutOfRangeException.ThrowIfLessThan(minWords, 1);
        return Align(a, Words(a), b, Words(b), minWords);
    }

    /// <summary>
    /// The words of <paramref name="text"/> as the engine's <see cref="Tokenizer"/> reads them (folded case, accents and
    /// apostrophes; punctuation and line breaks between words ignored), with UTF-16 offsets the page can mark.
    /// </summary>
    public static WordToken[] Words(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var buffer = ArrayPool<WordToken>.Shared.Rent(Tokenizer.GetMaxWordCount(text.Length));
        try
        {
            int count = Tokenizer.GetWords(text, buffer);
            return buffer.AsSpan(0, count).ToArray();
        }
        finally
        {
            ArrayPool<WordToken>.Shared.Return(buffer);
        }
    }

    private static bool IsOpening(char c)
        => char.GetUnicodeCategory(c) is UnicodeCategory.OpenPunctuation or UnicodeCategory.InitialQuotePunctuation;

    private static bool IsClosing(char c)
        => char.GetUnicodeCategory(c) is UnicodeCategory.ClosePunctuation or UnicodeCategory.FinalQuotePunctuation
            or UnicodeCategory.OtherPunctuation;

    /// <summary>
    /// Shared passages of <paramref name="textA"/> and <paramref name="textB"/> given their words, sorted by
    /// position in <paramref name="textB"/>. A passage's char range is widened over punctuation both texts
    /// have right next to it: closing marks (<c>.</c>, <c>,</c>, <c>)</c>, closing quotes) after it and
    /// opening ones before it, so "... or more." is marked with its period. The two categories are
    /// disjoint, so widened passages never overlap.
    /// </summary>
    internal static IReadOnlyList<SharedPassage> Align(string textA, WordToken[] a, string textB, WordToken[] b, int minWords)
    {
        var passages = Align(a, b, minWords);
        if (passages.Count == 0)
        {
            return passages;
        }

        var widened = new SharedPassage[passages.Count];
        for (var k = 0; k < widened.Length; k++)
        {
            var p = passages[k];
            int aStart = p.AStart, bStart = p.BStart, aEnd = p.AEnd, bEnd = p.BEnd;
            while (aStart > 0 && bStart > 0 && textA[aStart - 1] == textB[bStart - 1] && IsOpening(textA[aStart - 1]))
            {
                aStart--;
                bStart--;
            }

            while (aEnd < textA.Length && bEnd < textB.Length && textA[aEnd] == textB[bEnd] && IsClosing(textA[aEnd]))
            {
                aEnd++;
                bEnd++;
            }

            widened[k] = p with { AStart = aStart, AEnd = aEnd, BStart = bStart, BEnd = bEnd };
        }

        return widened;
    }

    /// <summary>Shared passages of two tokenized texts, sorted by position in <paramref name="b"/>; ranges cover words only.</summary>
    internal static IReadOnlyList<SharedPassage> Align(WordToken[] a, WordToken[] b, int minWords)
    {
        if (a.Length < minWords || b.Length < minWords)
        {
            return [];
        }

        var tiles = Tile(a, b, minWords);
        tiles.Sort(static (x, y) => x.B.CompareTo(y.B));
        var inOrder = tiles.Count <= MaxWeightedChain ? HeaviestChain(tiles) : LongestChain(tiles);
        var passages = new SharedPassage[tiles.Count];
        for (var k = 0; k < tiles.Count; k++)
        {
            var (ai, bj, n) = tiles[k];
            passages[k] = new SharedPassage(a[ai].Start, a[ai + n - 1].End, b[bj].Start, b[bj + n - 1].End, n, inOrder[k]);
        }

        return passages;
    }

    /// <summary>Greedy string tiling over word hashes; returns tiles as (start in a, start in b, words).</summary>
    private static List<(int A, int B, int Length)> Tile(WordToken[] a, WordToken[] b, int minWords)
    {
        var (head, next) = GramTable(a, minWords);
        var queue = MaximalRuns(a, b, minWords, head, next);
        return AcceptLongestFirst(queue, a.Length, b.Length, minWords);
    }

    /// <summary>
    /// Chained hash table of the canonical text's n-grams: head[gram] is the first position, next[i] the following
    /// one. Visiting positions in text order keeps the earliest occurrences within the cap, so a run starting at the
    /// text's first words is never lost to later repeats.
    /// </summary>
    private static (Dictionary<ulong, int> Head, int[] Next) GramTable(WordToken[] a, int minWords)
    {
        var gramCount = a.Length - minWords + 1;
        var head = new Dictionary<ulong, int>(gramCount);
        var next = new int[gramCount];
        for (var i = gramCount - 1; i >= 0; i--)
        {
            var gram = GramHash(a, i, minWords);
            next[i] = head.TryGetValue(gram, out var previous) ? previous : -1;
            head[gram] = i;
        }

        return (head, next);
    }

    /// <summary>Maximal runs of at least <paramref name="minWords"/>: (i, j) starts one unless the words before both positions are equal too.</summary>
    private static PriorityQueue<(int A, int B, int Length), (int, int, int)> MaximalRuns(WordToken[] a, WordToken[] b, int minWords, Dictionary<ulong, int> head, int[] next)
    {
        var queue = new PriorityQueue<(int A, int B, int Length), (int, int, int)>();
        for (var j = 0; j + minWords <= b.Length; j++)
        {
            if (!head.TryGetValue(GramHash(b, j, minWords), out var i))
            {
                continue;
            }

            for (var visited = 0; i >= 0 && visited < MaxCandidatesPerGram; i = next[i], visited++)
            {
                if (i > 0 && j > 0 && a[i - 1].Hash == b[j - 1].Hash)
                {
                    continue;
                }

                var length = 0;
                while (i + length < a.Length && j + length < b.Length && a[i + length].Hash == b[j + length].Hash)
                {
                    length++;
                }

                if (length >= minWords)
                {
                    Enqueue(queue, i, j, length);
                }
            }
        }

        return queue;
    }

    /// <summary>Accepts runs longest first; a run that overlaps accepted tiles goes back in as its free pieces.</summary>
    private static List<(int A, int B, int Length)> AcceptLongestFirst(PriorityQueue<(int A, int B, int Length), (int, int, int)> queue, int lengthA, int lengthB, int minWords)
    {
        var tiledA = new bool[lengthA];
        var tiledB = new bool[lengthB];
        var tiles = new List<(int A, int B, int Length)>();
        while (queue.TryDequeue(out var run, out _))
        {
            if (RequeueFreePieces(queue, run, tiledA, tiledB, minWords))
            {
                Array.Fill(tiledA, true, run.A, run.Length);
                Array.Fill(tiledB, true, run.B, run.Length);
                tiles.Add(run);
            }
        }

        return tiles;
    }

    /// <summary>Whether all of <paramref name="run"/> is free; if not, queues its free pieces of at least <paramref name="minWords"/>.</summary>
    private static bool RequeueFreePieces(PriorityQueue<(int A, int B, int Length), (int, int, int)> queue, (int A, int B, int Length) run, bool[] tiledA, bool[] tiledB, int minWords)
    {
        var pieceStart = -1;
        var whole = true;
        for (var k = 0; k <= run.Length; k++)
        {
            var free = k < run.Length && !tiledA[run.A + k] && !tiledB[run.B + k];
            whole &= free || k == run.Length;
            if (free && pieceStart < 0)
            {
                pieceStart = k;
            }
            else if (!free && pieceStart >= 0)
            {
                if (k - pieceStart >= minWords && !whole)
                {
                    Enqueue(queue, run.A + pieceStart, run.B + pieceStart, k - pieceStart);
                }

                pieceStart = -1;
            }
        }

        return whole;
    }

    /// <summary>Longest first; ties by position in b, then in a, so the result is deterministic.</summary>
    private static void Enqueue(PriorityQueue<(int A, int B, int Length), (int, int, int)> queue, int a, int b, int length)
        => queue.Enqueue((a, b, length), (-length, b, a));

    private static ulong GramHash(WordToken[] words, int start, int length)
    {
        var hash = 0x9E3779B97F4A7C15UL;
        for (var k = 0; k < length; k++)
        {
            hash = (hash ^ words[start + k].Hash) * 0xFF51AFD7ED558CCDUL;
            hash ^= hash >> 32;
        }

        return hash;
    }

    /// <summary>
    /// Flags the chain of tiles (sorted by b) with increasing a that covers the most words: O(k²)
    /// weighted longest increasing subsequence.
    /// </summary>
    private static bool[] HeaviestChain(List<(int A, int B, int Length)> tiles)
    {
        var count = tiles.Count;
        var weight = new long[count];
        var previous = new int[count];
        var best = -1;
        for (var k = 0; k < count; k++)
        {
            weight[k] = tiles[k].Length;
            previous[k] = -1;
            for (var p = 0; p < k; p++)
            {
                if (tiles[p].A < tiles[k].A && weight[p] + tiles[k].Length > weight[k])
                {
                    weight[k] = weight[p] + tiles[k].Length;
                    previous[k] = p;
                }
            }

            if (best < 0 || weight[k] > weight[best])
            {
                best = k;
            }
        }

        var chain = new bool[count];
        for (var k = best; k >= 0; k = previous[k])
        {
            chain[k] = true;
        }

        return chain;
    }

    /// <summary>Unweighted longest increasing subsequence of a over tiles sorted by b, O(k log k).</summary>
    private static bool[] LongestChain(List<(int A, int B, int Length)> tiles)
    {
        var count = tiles.Count;
        var tailIndex = new int[count];
        var previous = new int[count];
        var length = 0;
        for (var k = 0; k < count; k++)
        {
            int low = 0, high = length;
            while (low < high)
            {
                var mid = (low + high) >>> 1;
                if (tiles[tailIndex[mid]].A < tiles[k].A)
                {
                    low = mid + 1;
                }
                else
                {
                    high = mid;
                }
            }

            previous[k] = low > 0 ? tailIndex[low - 1] : -1;
            tailIndex[low] = k;
            length = Math.Max(length, low + 1);
        }

        var chain = new bool[count];
        for (var k = length > 0 ? tailIndex[length - 1] : -1; k >= 0; k = previous[k])
        {
            chain[k] = true;
        }

        Debug.Assert(count == 0 || chain.Any(x => x));
        return chain;
    }
}
