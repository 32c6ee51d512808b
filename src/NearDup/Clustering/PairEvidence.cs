using System.Buffers;

namespace NearDup.Clustering;

/// <summary>
/// Where two documents' shared shingles lie, not only how many there are: the longest chain of shared shingles that
/// runs in the same order through both texts, how many separate passages (runs of adjacent shingles) it breaks
/// into, and how far it spreads over each text. Counts alone cannot tell a copy from a different story that reuses
/// text: on real news (BBC, 2004-05) follow-ups that reuse a background paragraph share 7 to 430 word 5-grams, with
/// containment 0.1 to 0.67, the range of real updates, spun copies and excerpts. Their shapes differ: a spun copy
/// keeps short runs between substituted words all through both texts, an update or an abridged version keeps most of
/// the smaller text, an excerpt is several quoted passages, and a follow-up or a story sharing a quote carries one to
/// a few blocks (see docs/copy-evidence.md for the measurements).
/// </summary>
/// <param name="Shared">Shared fingerprints, boilerplate excluded.</param>
/// <param name="Ordered">Shared fingerprints on the longest chain that is in the same order in both texts.</param>
/// <param name="Runs">Passages the chain breaks into: runs of shingles adjacent in both texts.</param>
/// <param name="Passages">Runs of at least <see cref="PassageRun"/> shingles (at sample rate 1): quoted or reused passages of a sentence or more.</param>
/// <param name="SpreadA">Tenths of the first text that hold a shingle of the chain (0 to 10).</param>
/// <param name="SpreadB">Tenths of the second text that hold a shingle of the chain (0 to 10).</param>
/// <param name="Longest">Shingles of the chain's longest verbatim block (one offset between the texts, gaps of up to <see cref="BlockGap"/> sampling steps).</param>
/// <param name="LongestStartA">Position, in the first text, where that block starts.</param>
/// <param name="LongestStartB">Position, in the second text, where that block starts.</param>
/// <param name="FirstPassageA">Position, in the first text, where the chain's first passage starts; -1 without a passage.</param>
/// <param name="FirstPassageB">Position, in the second text, where the chain's first passage starts; -1 without a passage.</param>
/// <param name="InPassages">Shingles of the chain that lie in passages: text quoted verbatim rather than reworded.</param>
/// <param name="CoherentJumps">
/// Of the <paramref name="EditBreaks"/>, those that skip about as far in both texts: a word swapped for another, a
/// clause added, where text reused at another place jumps by unrelated amounts.
/// </param>
/// <param name="EditBreaks">
/// Breaks between runs that are edits: all of them when every shingle is kept; when shingles are sampled, those
/// where the two texts step by different amounts (a break on one diagonal may be a sampling gap).
/// </param>
/// <param name="OpeningRun">
/// Shingles of the run that opens both texts together (the chain's first entry at the start of each, on one diagonal):
/// a re-sent item under the same headline, where a series' next item or another company's notice differs in its first line.
/// </param>
/// <param name="Densest">
/// Most shingles of the chain within <see cref="PassageWindow"/> shingles of both texts: a passage quoted with a word
/// in five changed keeps a third of its shingles, close together in the same order, where phrases two stories share
/// by chance lie far apart.
/// </param>
/// <param name="BridgedA">
/// Thousandths of the first text that the chain covers when a gap of a word or two, skipped about as far in both texts
/// (a misread or retyped word), is counted as kept: a reprint with OCR or typing errors covers nearly all its source,
/// where a paraphrase's substitutions run too close together to bridge. 0 when shingles are sampled or positions coarse.
/// </param>
/// <param name="BridgedB">The same for the second text.</param>
/// <param name="InteriorA">
/// Thousandths of the first text between the chain's first and last entry that the chain covers as
/// <see cref="BridgedA"/> counts: what a copy carries of the text it shares, leaving out the edges where a site's header
/// and footer lie. A syndicated copy carries the story whole (a misread word bridged); an update, a correction or an
/// abridged copy leaves passages out or writes them anew. The chain is the longest in-order one, so a passage moved
/// elsewhere counts as left out. 0 where <see cref="BridgedA"/> is not measured.
/// </param>
/// <param name="InteriorB">The same for the second text.</param>
/// <param name="FrameRuns">
/// Chain entries of a run that opens both texts and a run that closes both, each a passage or more, at the same
/// distance (<see cref="FrameEdge"/> or less) from the edge in both texts, on one diagonal (<see cref="FrameSlack"/>)
/// and verbatim but for boilerplate (<see cref="FrameDensity"/>); 0 unless the chain has both. Two pages of one site
/// share its header and footer around stories of their own.
/// </param>
/// <param name="FrameGapA">Positions of the first text between the frame's opening run and its closing run: the page's own body.</param>
/// <param name="FrameGapB">The same for the second text.</param>
/// <param name="PositionShift">
/// The positions' unit, as a power of two of shingles: 0 unless a text has over 65,536 shingles, whose stored
/// positions are coarser (<see cref="Sketcher.PositionShift"/>); both texts are then measured in the coarser unit.
/// </param>
internal readonly record struct PairEvidence(int Shared, int Ordered, int Runs, int Passages, int SpreadA, int SpreadB,
    int Longest = 0, int LongestStartA = 0, int LongestStartB = 0, int FirstPassageA = -1, int FirstPassageB = -1, int InPassages = 0, int CoherentJumps = 0, int EditBreaks = 0,
    int OpeningRun = 0, int PositionShift = 0, int Densest = 0, int BridgedA = 0, int BridgedB = 0, int FrameRuns = 0, int FrameGapA = 0,
    int FrameGapB = 0, int InteriorA = 0, int InteriorB = 0)
{
    /// <summary>
    /// Longest step, in shingles, that <see cref="BridgedA"/> bridges: two damaged words in a span of word 5-grams
    /// (a damaged word takes out the five shingles over it, a step of 6).
    /// </summary>
    public const int BridgeStep = 12;

    /// <summary>Most the two texts' steps may differ by and still be bridged: a word split in two, or two run together.</summary>
    public const int BridgeSlack = 2;

    /// <summary>Shingles of the window over which <see cref="Densest"/> counts: a quoted passage of three to five sentences.</summary>
    public const int PassageWindow = 100;

    /// <summary>Shingles in a run that make it a passage: eight word 5-grams are a run of twelve words, about a sentence.</summary>
    public const int PassageRun = 8;

    /// <summary>
    /// Largest step, in sampled positions, between two shingles of one verbatim block: a block keeps its offset
    /// between the texts across shingles dropped as boilerplate or not sampled, where a run needs adjacent shingles.
    /// </summary>
    public const int BlockGap = 8;

    /// <summary>
    /// Farthest from a text's edge, in shingles, that a frame's run may start or end, and its longest step
    /// (<see cref="FrameRuns"/>): a site's wrapper may open with a line and close with a copyright notice that many sites
    /// share, left out as boilerplate.
    /// </summary>
    public const int FrameEdge = 50;

    /// <summary>Share of the first text's fingerprints in a frame's runs that are shared or boilerplate (<see cref="FrameRuns"/>).</summary>
    public const double FrameDensity = 0.5;

    /// <summary>Most that a frame run's entries may stray from its first entry's diagonal, in shingles: a date or a name of another length.</summary>
    public const int FrameSlack = 3;

    /// <summary>Difference of two steps, in shingles, that still counts as the same step.</summary>
    public const int CoherentShingles = 3;

    /// <summary>Difference of two steps, as a fraction of the longer, that still counts as the same step.</summary>
    public const double CoherentSlack = 0.3;

    /// <summary>Buckets of a text for <see cref="SpreadA"/> and <see cref="SpreadB"/>.</summary>
    public const int SpreadBuckets = 10;

    /// <summary>
    /// Measures the pair from each text's sorted fingerprints and their first positions (<see cref="DocumentSketch.Positions"/>),
    /// stored in units of 2^<paramref name="shiftA"/> and 2^<paramref name="shiftB"/> shingles for texts of
    /// <paramref name="shinglesA"/> and <paramref name="shinglesB"/> shingles. <paramref name="maxStep"/> is the largest
    /// position step that continues a run (1 when every shingle is kept), and <paramref name="passageRun"/> the chain
    /// entries that make a run a passage (<see cref="PassageRun"/> when every shingle is kept). <paramref name="merged"/>,
    /// when given, holds the shared index pairs of the two fingerprint lists (A first), which are then not merged again.
    /// </summary>
    public static PairEvidence Measure(ReadOnlySpan<uint> fingerprintsA, PositionList positionsA, int shinglesA, int shiftA,
        ReadOnlySpan<uint> fingerprintsB, PositionList positionsB, int shinglesB, int shiftB, BoilerplateFilter common, int maxStep, int passageRun,
        SharedIndexPairs? merged = null)
    {
        int capacity = Math.Max(1, Math.Min(fingerprintsA.Length, fingerprintsB.Length));
        ulong[] matches = ArrayPool<ulong>.Shared.Rent(capacity);
        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(capacity);
        try
        {
            int shift = Math.Max(shiftA, shiftB);
            var sink = new PositionSink(positionsA, shift - shiftA, positionsB, shift - shiftB, matches);
            Merge(fingerprintsA, fingerprintsB, common, merged, ref sink);
            var found = matches.AsSpan(0, sink.Count);
            PositionRadixSort.Sort(found, scratch); // by position in A, then in B
            var chain = found[..LongestChain(found)];
            int lengthA = LengthIn(shinglesA, shift), lengthB = LengthIn(shinglesB, shift);
            var evidence = Describe(chain, sink.Count, lengthA, lengthB, maxStep, passageRun, shift);
            return WithFrame(evidence, chain, lengthA, lengthB, passageRun, shift, new FirstText(fingerprintsA, positionsA, shift - shiftA, common));
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(matches);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// <see cref="Measure"/> of the pair both ways, (A, B) and (B, A), from one merge of the two fingerprint lists: the
    /// chain is found in each orientation on its own (its ties break by the first text's order), so each result is
    /// exactly what <see cref="Measure"/> gives, for the price of one merge.
    /// </summary>
    public static (PairEvidence Forward, PairEvidence Backward) MeasureBoth(ReadOnlySpan<uint> fingerprintsA, PositionList positionsA, int shinglesA,
        int shiftA, ReadOnlySpan<uint> fingerprintsB, PositionList positionsB, int shinglesB, int shiftB, BoilerplateFilter common, int maxStep,
        int passageRun, SharedIndexPairs? merged = null)
    {
        int capacity = Math.Max(1, Math.Min(fingerprintsA.Length, fingerprintsB.Length));
        ulong[] matches = ArrayPool<ulong>.Shared.Rent(capacity);
        ulong[] swapped = ArrayPool<ulong>.Shared.Rent(capacity);
        ulong[] scratch = ArrayPool<ulong>.Shared.Rent(capacity);
        try
        {
            int shift = Math.Max(shiftA, shiftB);
            var sink = new PositionSink(positionsA, shift - shiftA, positionsB, shift - shiftB, matches);
            Merge(fingerprintsA, fingerprintsB, common, merged, ref sink);
            var forward = matches.AsSpan(0, sink.Count);
            // The entries swapped, before the chain's search moves them in forward.
            var backward = swapped.AsSpan(0, sink.Count);
            for (int k = 0; k < forward.Length; k++)
            {
                backward[k] = forward[k] << 32 | forward[k] >> 32;
            }
            // Chain's steps with the sort by position done by radix (the same order as its comparison sort).
            PositionRadixSort.Sort(forward, scratch);
            int chainAB = LongestChain(forward);
            int lengthA = LengthIn(shinglesA, shift), lengthB = LengthIn(shinglesB, shift);
            var ab = WithFrame(Describe(forward[..chainAB], sink.Count, lengthA, lengthB, maxStep, passageRun, shift), forward[..chainAB], lengthA,
                lengthB, passageRun, shift, new FirstText(fingerprintsA, positionsA, shift - shiftA, common));
            if (chainAB == forward.Length)
            {
                // Every entry is on the chain, so positions in B rise with those in A: the entries swapped, in this
                // order, are sorted by position in B and are their own chain, described by the same steps.
                return (ab, ab.Swapped());
            }
            PositionRadixSort.Sort(backward, scratch);
            int chainBA = LongestChain(backward);
            var ba = WithFrame(Describe(backward[..chainBA], sink.Count, lengthB, lengthA, maxStep, passageRun, shift), backward[..chainBA], lengthB,
                lengthA, passageRun, shift, new FirstText(fingerprintsB, positionsB, shift - shiftB, common));
            return (ab, ba);
        }
        finally
        {
            ArrayPool<ulong>.Shared.Return(matches);
            ArrayPool<ulong>.Shared.Return(swapped);
            ArrayPool<ulong>.Shared.Return(scratch);
        }
    }

    /// <summary>
    /// The shared non-boilerplate fingerprints to <paramref name="sink"/>; without boilerplate (a query's kept
    /// fingerprints), by the vectorized <see cref="SharedIndexMerge"/>, the same pairs in the same order, or told by
    /// <paramref name="merged"/> when it holds that merge of these two sets already (a query's score took it).
    /// </summary>
    private static void Merge(ReadOnlySpan<uint> fingerprintsA, ReadOnlySpan<uint> fingerprintsB, BoilerplateFilter common, SharedIndexPairs? merged,
        ref PositionSink sink)
    {
        if (merged is not null && common.Count == 0 && merged.Merged(fingerprintsA.Length, fingerprintsB.Length))
        {
            merged.Tell(fingerprintsA, fingerprintsB, ref sink);
        }
        else if (common.Count == 0)
        {
            SharedIndexMerge.Merge(fingerprintsA, fingerprintsB, ref sink);
        }
        else
        {
            SharedFingerprints.Merge(fingerprintsA, fingerprintsB, common, ref sink);
        }
    }

    /// <summary>
    /// The evidence of the pair the other way round, (B, A), when its chain is this one's with each entry's positions
    /// swapped, in the same order (a chain that holds every shared entry): every measure of a step is symmetric in the
    /// two texts (a diagonal step is as long in both; <see cref="IsCoherent"/>, the opening run and the window of
    /// <see cref="Densest"/> treat both alike), so only what is per text trades places.
    /// </summary>
    public PairEvidence Swapped() => this with
    {
        SpreadA = SpreadB,
        SpreadB = SpreadA,
        LongestStartA = LongestStartB,
        LongestStartB = LongestStartA,
        FirstPassageA = FirstPassageB,
        FirstPassageB = FirstPassageA,
        BridgedA = BridgedB,
        BridgedB = BridgedA,
        InteriorA = InteriorB,
        InteriorB = InteriorA,
        FrameGapA = FrameGapB,
        FrameGapB = FrameGapA,
    };

    /// <summary>Positions of a text of <paramref name="shingles"/> shingles run from 0 to this (exclusive) in units of 2^<paramref name="shift"/> shingles.</summary>
    public static int LengthIn(int shingles, int shift) => shingles == 0 ? 1 : ((shingles - 1) >> shift) + 1;

    /// <summary>The first text of a pair, to tell what lies in its frame's runs besides the shared entries.</summary>
    private readonly ref struct FirstText(ReadOnlySpan<uint> fingerprints, PositionList positions, int align, BoilerplateFilter common)
    {
        private readonly ReadOnlySpan<uint> _fingerprints = fingerprints;
        private readonly PositionList _positions = positions;

        /// <summary>
        /// Whether each of the frame's runs, its <paramref name="headEntries"/> and <paramref name="tailEntries"/> with
        /// the boilerplate between them, holds <see cref="FrameDensity"/> of the fingerprints the text keeps in the run's
        /// span: a site's wrapper is verbatim but for lines many sites share, left out as boilerplate, where a heavy
        /// rewrite keeps one diagonal through words substituted every few shingles. Read only for a pair that has a
        /// frame's shape.
        /// </summary>
        public bool IsVerbatim(int headEntries, (int Start, int End) head, int tailEntries, (int Start, int End) tail)
        {
            int inHead = 0, inTail = 0, commonInHead = 0, commonInTail = 0;
            for (int i = 0; i < _fingerprints.Length; i++)
            {
                int position = _positions[i] >> align;
                bool isHead = position >= head.Start && position <= head.End, isTail = position >= tail.Start && position <= tail.End;
                if (isHead || isTail)
                {
                    int boilerplate = common.Count > 0 && common.IsBoilerplate(_fingerprints[i]) ? 1 : 0;
                    (inHead, commonInHead) = isHead ? (inHead + 1, commonInHead + boilerplate) : (inHead, commonInHead);
                    (inTail, commonInTail) = isTail ? (inTail + 1, commonInTail + boilerplate) : (inTail, commonInTail);
                }
            }
            return headEntries + commonInHead >= FrameDensity * inHead && tailEntries + commonInTail >= FrameDensity * inTail;
        }
    }

    /// <summary>Shared non-boilerplate fingerprints as (position in A, position in B), in one unit, packed in the high and low halves.</summary>
    private ref struct PositionSink(PositionList positionsA, int alignA, PositionList positionsB, int alignB, ulong[] matches) : ISharedFingerprintSink
    {
        private readonly PositionList _positionsA = positionsA;
        private readonly PositionList _positionsB = positionsB;

        public int Count;

        public void Add(int indexA, int indexB) => matches[Count++] = (ulong)(uint)(_positionsA[indexA] >> alignA) << 32 | (uint)(_positionsB[indexB] >> alignB);
    }

    /// <summary>
    /// Leaves in the front of <paramref name="matches"/> (sorted by position in A) the longest chain whose positions in
    /// B rise too (or stay: coarse positions of a text over 65,536 shingles hold several shingles each; finer ones are
    /// distinct); returns its length. Patience sorting: O(m log m), ties broken towards the earliest entries, so the
    /// chain is the same on every run.
    /// </summary>
    private static int LongestChain(Span<ulong> matches)
    {
        int m = matches.Length;
        if (IsRising(matches))
        {
            // The whole list is the chain (the search below would keep every entry in place): a copy that keeps its order.
            return m;
        }
        int[] tails = ArrayPool<int>.Shared.Rent(m);
        int[] previous = ArrayPool<int>.Shared.Rent(m);
        try
        {
            int length = 0;
            for (int k = 0; k < m; k++)
            {
                uint b = (uint)matches[k];
                int lo = 0, hi = length;
                while (lo < hi)
                {
                    int mid = (lo + hi) >>> 1;
                    if ((uint)matches[tails[mid]] <= b)
                    {
                        lo = mid + 1;
                    }
                    else
                    {
                        hi = mid;
                    }
                }
                previous[k] = lo > 0 ? tails[lo - 1] : -1;
                tails[lo] = k;
                length = Math.Max(length, lo + 1);
            }
            // Walk back from the chain's end: chain indexes are recorded first (an entry still to be read may sit
            // where an earlier chain entry belongs), then the entries are moved to the front in order.
            for (int k = tails[length - 1], w = length - 1; k >= 0; k = previous[k], w--)
            {
                tails[w] = k;
            }
            for (int w = 0; w < length; w++)
            {
                matches[w] = matches[tails[w]];
            }
            return length;
        }
        finally
        {
            ArrayPool<int>.Shared.Return(tails);
            ArrayPool<int>.Shared.Return(previous);
        }
    }

    /// <summary>Whether the positions in B (the low halves) never fall along <paramref name="matches"/>.</summary>
    private static bool IsRising(ReadOnlySpan<ulong> matches)
    {
        for (int k = 1; k < matches.Length; k++)
        {
            if ((uint)matches[k] < (uint)matches[k - 1])
            {
                return false;
            }
        }
        return true;
    }

    private static PairEvidence Describe(ReadOnlySpan<ulong> chain, int shared, int lengthA, int lengthB, int maxStep, int passageRun, int shift)
    {
        int runs = 0, passages = 0, run = 0, inPassages = 0, coherent = 0, edits = 0;
        int block = 0, longest = 0, longestEnd = 0, firstPassageEnd = -1, openingRun = 0;
        bool opening = !chain.IsEmpty && (uint)(chain[0] >> 32) == (uint)chain[0] && (uint)chain[0] < (uint)maxStep;
        int spreadA = 0, spreadB = 0;
        for (int k = 0; k < chain.Length; k++)
        {
            uint a = (uint)(chain[k] >> 32), b = (uint)chain[k];
            spreadA |= 1 << Bucket(a, lengthA);
            spreadB |= 1 << Bucket(b, lengthB);
            var (stepA, stepB) = k == 0 ? (0u, 0u) : Step(chain[k - 1], chain[k]);
            bool diagonal = k > 0 && stepA == stepB; // the same offset between the texts
            if (!diagonal || stepA > (uint)maxStep)
            {
                // On one diagonal, a break is a word swapped for one word when every shingle is kept; when they are
                // sampled it may be a gap between two sampled shingles of one verbatim block, so it is no evidence.
                if (k > 0 && (!diagonal || maxStep == 1))
                {
                    edits++;
                    coherent += IsCoherent(stepA, stepB) ? 1 : 0;
                }
                passages += run >= passageRun ? 1 : 0;
                inPassages += run >= passageRun ? run : 0;
                openingRun = runs == 1 && opening ? run : openingRun;
                runs++;
                run = 0;
            }
            run++;
            if (run == passageRun && firstPassageEnd < 0)
            {
                firstPassageEnd = k;
            }
            block = diagonal && stepA <= (uint)(maxStep * BlockGap) ? block + 1 : 1;
            if (block > longest)
            {
                longest = block;
                longestEnd = k;
            }
        }
        passages += run >= passageRun ? 1 : 0;
        inPassages += run >= passageRun ? run : 0;
        openingRun = runs == 1 && opening ? run : openingRun;
        ulong start = chain.IsEmpty ? 0 : chain[longestEnd - longest + 1];
        ulong first = firstPassageEnd < 0 ? ulong.MaxValue : chain[firstPassageEnd - passageRun + 1];
        var bridged = maxStep == 1 && shift == 0 ? Bridged(chain, lengthA, lengthB) : default;
        return new PairEvidence(shared, chain.Length, runs, passages,
            System.Numerics.BitOperations.PopCount((uint)spreadA), System.Numerics.BitOperations.PopCount((uint)spreadB),
            longest, (int)(start >> 32), (int)(uint)start, (int)(first >> 32), (int)(uint)first, inPassages, coherent, edits, openingRun,
            Densest: MostInWindow(chain, Math.Max(1, PassageWindow >> shift)), BridgedA: bridged.A, BridgedB: bridged.B, InteriorA: bridged.InteriorA, InteriorB: bridged.InteriorB);
    }

    /// <summary>
    /// <paramref name="evidence"/> with its <see cref="PositionShift"/> and, where the chain has one, its frame
    /// (<see cref="FrameRuns"/>): a run opening both texts and a run closing both, each a verbatim block of the first
    /// text (<see cref="FirstText.IsVerbatim"/>).
    /// </summary>
    private static PairEvidence WithFrame(PairEvidence evidence, ReadOnlySpan<ulong> chain, int lengthA, int lengthB, int passageRun, int shift,
        FirstText first)
    {
        evidence = evidence with { PositionShift = shift };
        var frame = Frame(chain, lengthA, lengthB, passageRun, shift);
        if (frame.Runs == 0 || !first.IsVerbatim(frame.HeadEntries, frame.Head, frame.Runs - frame.HeadEntries, frame.Tail))
        {
            return evidence;
        }
        return evidence with { FrameRuns = frame.Runs, FrameGapA = frame.Tail.Start - frame.Head.End, FrameGapB = frame.GapB };
    }

    /// <summary>
    /// The chain's frame (see <see cref="WithFrame"/>): its entries, those of its opening run, the positions its opening
    /// and closing runs span in the first text, and the gap between them in the second; no entries where there is none.
    /// The opening run is the chain's first entries while they stay on the first one's diagonal (within
    /// <see cref="FrameSlack"/>, steps of at most <see cref="FrameEdge"/>: boilerplate left out breaks a wrapper's
    /// runs), starting at the same distance from the start of both texts; the closing run likewise from the ends.
    /// </summary>
    private static (int Runs, int HeadEntries, (int Start, int End) Head, (int Start, int End) Tail, int GapB) Frame(ReadOnlySpan<ulong> chain, int lengthA, int lengthB,
        int passageRun, int shift)
    {
        int edge = Math.Max(1, FrameEdge >> shift), slack = FrameSlack >> shift;
        int firstEnd = 0;
        while (firstEnd + 1 < chain.Length && IsFrameStep(chain[0], chain[firstEnd], chain[firstEnd + 1], edge, slack))
        {
            firstEnd++;
        }
        int lastStart = chain.Length - 1;
        while (lastStart > firstEnd && IsFrameStep(chain[^1], chain[lastStart - 1], chain[lastStart], edge, slack))
        {
            lastStart--;
        }
        int head = firstEnd + 1, tail = chain.Length - lastStart;
        if (lastStart <= firstEnd || head < passageRun || tail < passageRun)
        {
            return default;
        }
        long startA = PositionA(chain[0]), startB = (uint)chain[0];
        long endA = lengthA - 1 - PositionA(chain[^1]), endB = lengthB - 1 - (uint)chain[^1];
        if (startA > edge || startA != startB || endA > edge || endA != endB)
        {
            return default;
        }
        var headSpan = ((int)startA, (int)PositionA(chain[firstEnd]));
        var tailSpan = ((int)PositionA(chain[lastStart]), (int)PositionA(chain[^1]));
        return (head + tail, head, headSpan, tailSpan, (int)((uint)chain[lastStart] - (uint)chain[firstEnd]));
    }

    private static long PositionA(ulong entry) => (uint)(entry >> 32);

    /// <summary>
    /// Whether the chain's step from <paramref name="previous"/> to <paramref name="current"/> stays in the frame run of
    /// <paramref name="anchor"/>: on its diagonal within <paramref name="slack"/>, at most <paramref name="edge"/> long.
    /// </summary>
    private static bool IsFrameStep(ulong anchor, ulong previous, ulong current, int edge, int slack)
    {
        var (stepA, stepB) = Step(previous, current);
        return Math.Abs(Diagonal(current) - Diagonal(anchor)) <= slack && Math.Max(stepA, stepB) <= (uint)edge;
    }

    /// <summary>The offset between the texts at a chain entry: its position in A less its position in B.</summary>
    private static long Diagonal(ulong entry) => (long)(uint)(entry >> 32) - (uint)entry;

    /// <summary>
    /// Thousandths of each text the chain covers with its short, even gaps bridged (<see cref="BridgedA"/>), and of
    /// each text's span from the chain's first entry to its last (<see cref="InteriorA"/>): a step of up to
    /// <see cref="BridgeStep"/> shingles in both texts, differing by <see cref="BridgeSlack"/> or less, counts every
    /// shingle it skips; any other step counts the one entry.
    /// </summary>
    private static (int A, int B, int InteriorA, int InteriorB) Bridged(ReadOnlySpan<ulong> chain, int lengthA, int lengthB)
    {
        if (chain.IsEmpty)
        {
            return default;
        }
        long coveredA = 1, coveredB = 1;
        for (int k = 1; k < chain.Length; k++)
        {
            var (stepA, stepB) = Step(chain[k - 1], chain[k]);
            bool bridged = Math.Max(stepA, stepB) <= BridgeStep && (stepA > stepB ? stepA - stepB : stepB - stepA) <= BridgeSlack;
            coveredA += bridged ? stepA : 1;
            coveredB += bridged ? stepB : 1;
        }
        var (spanA, spanB) = Step(chain[0], chain[^1]);
        return ((int)(coveredA * 1000 / Math.Max(1, lengthA)), (int)(coveredB * 1000 / Math.Max(1, lengthB)),
            (int)(coveredA * 1000 / (spanA + 1L)), (int)(coveredB * 1000 / (spanB + 1L)));
    }

    /// <summary>
    /// Most entries of <paramref name="chain"/> within <paramref name="window"/> positions of both texts: positions rise
    /// in both along the chain, so the window's first entry only moves forward.
    /// </summary>
    private static int MostInWindow(ReadOnlySpan<ulong> chain, int window)
    {
        int densest = 0;
        for (int first = 0, k = 0; k < chain.Length; k++)
        {
            while ((uint)(chain[k] >> 32) - (uint)(chain[first] >> 32) >= (uint)window || (uint)chain[k] - (uint)chain[first] >= (uint)window)
            {
                first++;
            }
            densest = Math.Max(densest, k - first + 1);
        }
        return densest;
    }

    /// <summary>How far one chain entry is from the previous in each text.</summary>
    private static (uint A, uint B) Step(ulong previous, ulong current) =>
        ((uint)(current >> 32) - (uint)(previous >> 32), (uint)current - (uint)previous);

    /// <summary>
    /// Whether two steps are about the same: within <see cref="CoherentSlack"/> of the longer, or
    /// <see cref="CoherentShingles"/> shingles. Positions are not compressed by sampling, so the difference is the
    /// edit's, whatever the rate.
    /// </summary>
    private static bool IsCoherent(uint stepA, uint stepB)
    {
        uint difference = stepA > stepB ? stepA - stepB : stepB - stepA;
        return difference <= Math.Max(CoherentShingles, CoherentSlack * Math.Max(stepA, stepB));
    }

    private static int Bucket(uint position, int length) =>
        (int)Math.Min(SpreadBuckets - 1, (long)position * SpreadBuckets / Math.Max(1, length));
}
