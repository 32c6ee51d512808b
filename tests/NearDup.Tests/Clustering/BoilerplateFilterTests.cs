using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>The boilerplate filter: exact whatever the counters' size (the total it is given) and the number of workers.</summary>
public sealed class BoilerplateFilterTests
{
    [Theory]
    [InlineData(1, 1L)]
    [InlineData(3, 1L)]
    [InlineData(2, 0L)] // 0: the exact total
    [InlineData(8, 1L << 26)]
    public void Build_MarksExactlyTheFingerprintsInThresholdOrMoreSets(int workers, long total)
    {
        var random = new Random(workers);
        const int Threshold = 5;
        var sets = new List<uint[]>();
        // 400 sets of random fingerprints (almost all in one set) plus a pool of 60 shared ones, each put in 1 to 10
        // sets, so that some reach the threshold and some fall just short.
        var pool = Enumerable.Range(0, 60).Select(_ => (uint)random.Next()).ToArray();
        var holders = pool.ToDictionary(fp => fp, _ => new HashSet<int>());
        for (int s = 0; s < 400; s++)
        {
            sets.Add([]);
        }
        foreach (uint fp in pool)
        {
            int copies = random.Next(1, 11);
            while (holders[fp].Count < copies)
            {
                holders[fp].Add(random.Next(400));
            }
        }
        for (int s = 0; s < 400; s++)
        {
            var set = new SortedSet<uint>(Enumerable.Range(0, random.Next(0, 300)).Select(_ => (uint)random.Next()));
            set.UnionWith(pool.Where(fp => holders[fp].Contains(s)));
            sets[s] = [.. set];
        }
        var counts = new Dictionary<uint, int>();
        foreach (var set in sets)
        {
            foreach (uint fp in set)
            {
                counts[fp] = counts.GetValueOrDefault(fp) + 1;
            }
        }

        var filter = BoilerplateFilter.Build(sets.Count, i => sets[i], total == 0 ? sets.Sum(s => (long)s.Length) : total, Threshold, workers);

        var expected = counts.Where(c => c.Value >= Threshold).Select(c => c.Key).Order().ToArray();
        Assert.NotEmpty(expected);
        Assert.Equal(expected, counts.Keys.Where(filter.IsBoilerplate).Order().ToArray());
        Assert.Equal(expected.Length, filter.Count);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void StageCount_CountsEachGroupOnce_WhateverItsMembersRepeat(int workers)
    {
        var random = new Random(20 + workers);
        const int Threshold = 4, Documents = 600;
        // A pool of shared fingerprints spread over documents; documents in groups of one to six, whose members share
        // many of them, so that a fingerprint held by every member of a group counts once, and one held by four
        // documents may be held by one, two or four groups.
        var pool = Enumerable.Range(0, 300).Select(_ => (uint)random.Next()).ToArray();
        var groupOf = new int[Documents];
        var rep = new List<int>();
        for (int d = 0; d < Documents; d++)
        {
            bool joins = d > 0 && random.Next(3) != 0 && d - rep[groupOf[d - 1]] < 6;
            groupOf[d] = joins ? groupOf[d - 1] : rep.Count;
            if (!joins)
            {
                rep.Add(d);
            }
        }
        var store = new SketchStore(bands: 1);
        var sets = new List<SortedSet<uint>>();
        for (int d = 0; d < Documents; d++)
        {
            var set = new SortedSet<uint>(Enumerable.Range(0, random.Next(0, 200)).Select(_ => (uint)random.Next()));
            set.UnionWith(Enumerable.Range(0, random.Next(0, 6)).Select(_ => pool[random.Next(pool.Length)]));
            // The group's first member's shared fingerprints are repeated by the others about half the time.
            if (groupOf[d] == groupOf[Math.Max(0, d - 1)] && d > 0 && random.Next(2) == 0)
            {
                set.UnionWith(sets[rep[groupOf[d]]].Where(pool.Contains));
            }
            sets.Add(set);
            // Ids of one width: the table numbers documents in id order, which is then the order they were added.
            store.Add($"d{d:D4}", 0, 0, 0, set.Count, [0], [.. set], []);
        }
        var docs = new DocumentTable(store, [.. Enumerable.Range(0, Documents)]);
        var groups = GroupStage.Lay(new StrongGroups(groupOf, [.. rep]));
        var options = new NearDupOptions { CommonShingleDocuments = Threshold, MaxDegreeOfParallelism = workers };

        var filter = BoilerplateStage.Count(docs, options, groups);

        var holders = new Dictionary<uint, int>();
        for (int g = 0; g < groups.Count; g++)
        {
            foreach (uint fp in groups.MembersOf(g).ToArray().SelectMany(d => sets[d]).Distinct())
            {
                holders[fp] = holders.GetValueOrDefault(fp) + 1;
            }
        }
        var expected = holders.Where(h => h.Value >= Threshold).Select(h => h.Key).Order().ToArray();
        var byDocument = sets.SelectMany(set => set).CountBy(fp => fp).Where(h => h.Value >= Threshold).Select(h => h.Key);
        Assert.NotEmpty(expected);
        Assert.True(byDocument.Count() > expected.Length, "no fingerprint repeated within a group reached the threshold");
        // The same groups' unions given as sets, whose pass 2 filters each union rather than each member.
        var unions = BoilerplateFilter.Build(groups.Count, g => GroupUnion.Of(docs, groups.MembersOf(g)), 1, Threshold, workers);
        Assert.Equal(expected, unions.Common.ToArray());
        Assert.Equal(expected, filter.Common.ToArray());
    }

    [Fact]
    public void Keep_AnySets_KeepsInOrderWhatIsNotBoilerplate()
    {
        // Values from a small range, so that sets share many of them (hits, runs of hits, a hit first or last), and
        // sets longer than a lookup batch; 0 and uint.MaxValue among them.
        var values = Gen.OneOf(Gen.UInt[0, 3000], Gen.Const(0u), Gen.Const(uint.MaxValue));
        Gen.Select(values.Array[0, 600], values.Array[0, 900]).Sample((common, query) =>
        {
            var filter = BoilerplateFilter.Of(common);
            var expected = query.Where(fp => !common.Contains(fp)).ToArray();
            var kept = new uint[query.Length];
            Assert.Equal(expected, kept.AsSpan(0, filter.Keep(query, kept)).ToArray());
            Assert.Equal(expected.Length, filter.CountNotBoilerplate(query));
        });
    }

    /// <summary>
    /// The eight-at-a-time filter read (gather and left-pack) against its scalar twin: the same hits in the same order,
    /// for filters of the smallest size, a middle one and the largest, so that the gather indexes every part of the
    /// array, and at batch lengths around the vector width; and a set's count of what is not boilerplate, which it feeds.
    /// </summary>
    [Theory]
    [InlineData(10)]
    [InlineData(3_000)]
    [InlineData(3_000_000)]
    public void FilterHitsVector256_EqualsScalarTwin(int commonCount)
    {
        Assert.SkipUnless(System.Runtime.Intrinsics.X86.Avx2.IsSupported, "no AVX2 here");
        var random = new Random(commonCount);
        var common = Enumerable.Range(0, commonCount).Select(_ => (uint)random.NextInt64(0, 1L << 32)).ToArray();
        var filter = BoilerplateFilter.Of(common);
        foreach (int length in (int[])[0, 1, 7, 8, 9, 31, 33, 256])
        {
            // Half drawn from the common set (filter hits), half random (mostly misses).
            var batch = Enumerable.Range(0, length).Select(i => i % 2 == 0 ? common[random.Next(common.Length)] : (uint)random.NextInt64(0, 1L << 32)).ToArray();
            var expected = new uint[length];
            int expectedCount = filter.FilterHitsScalar(batch, expected);
            var actual = new uint[length];
            int count = filter.FilterHitsVector256(batch, actual);
            Assert.Equal(expected[..expectedCount], actual[..count]);
            Assert.True(expectedCount >= (length + 1) / 2);
            Assert.Equal(batch.Count(fp => !filter.IsBoilerplate(fp)), filter.CountNotBoilerplate(batch));
        }
    }

    [Fact]
    public void Build_ExtremeFingerprints_AreCountedLikeAnyOther()
    {
        // 0 is the flat table's empty slot and uint.MaxValue the counters' last slot: both must count as any other.
        var sets = Enumerable.Range(0, 30).Select(s => s < 20 ? new uint[] { 0, 7, uint.MaxValue } : s < 29 ? [7u, 9] : [9u]).ToList();

        var filter = BoilerplateFilter.Build(sets, threshold: 10, maxDegreeOfParallelism: 2);

        Assert.True(filter.IsBoilerplate(0));
        Assert.True(filter.IsBoilerplate(uint.MaxValue));
        Assert.True(filter.IsBoilerplate(7));
        Assert.True(filter.IsBoilerplate(9));
        Assert.False(filter.IsBoilerplate(8));
        Assert.Equal([0u, 7, 9, uint.MaxValue], filter.Common.ToArray());
        Assert.Equal(1, filter.CountNotBoilerplate([0, 1, 7, 9, uint.MaxValue]));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Build_ManyCandidatesInFewSlots_AreCountedExactly(int workers)
    {
        // 20,000 distinct fingerprints over 1,024 counters (the smallest array: the total given is 1), so that every slot
        // passes pass 1 and each bucket's candidate table must grow many times; the fingerprints divisible by 3 are
        // in 4 sets, the others in 3, and only the first reach the threshold of 4.
        var fingerprints = Enumerable.Range(0, 20_000).Select(i => (uint)i * 2_654_435_761u).ToArray();
        var sets = Enumerable.Range(0, 4).Select(s => fingerprints.Where((_, i) => s < 3 || i % 3 == 0).Order().ToArray()).ToList();

        var filter = BoilerplateFilter.Build(sets.Count, i => sets[i], 1, threshold: 4, workers);

        var expected = fingerprints.Where((_, i) => i % 3 == 0).Order().ToArray();
        Assert.Equal(expected, filter.Common.ToArray());
        Assert.False(filter.IsBoilerplate(fingerprints[1]));
    }

    [Theory]
    [InlineData(1L, 10)]
    [InlineData(900_000_000L, 28)]
    [InlineData(4_500_000_000L, 31)]
    [InlineData(9_000_000_000L, 31)]
    [InlineData(long.MaxValue / 2, 31)]
    public void CountBits_AnyTotal_IsACounterForTwoToFourFingerprints_AtMost2To31(long totalFingerprints, int expected)
    {
        // A million documents hold about 0.9 G fingerprints; ten million about 9 G, which ask for 2^31 counters.
        Assert.Equal(expected, BoilerplateFilter.CountBits(totalFingerprints));
    }

    [Theory]
    [InlineData(24, 2, 1L << 22)] // a hundred thousand documents: the fewest, 4 Mi
    [InlineData(28, 2, 1L << 24)] // a million: the buckets hold twice the counters' 128 MiB
    [InlineData(28, 8, 1L << 22)]
    [InlineData(31, 2, 1L << 27)] // ten million: 1 GiB of counters, swept a thirty-second as often
    public void ChunkFingerprints_GrowsWithTheCounters_SoTheBucketsHoldTwiceTheirBytes(int countBits, int workers, long expected)
    {
        long chunk = BoilerplateFilter.ChunkFingerprints(countBits, workers);

        Assert.Equal(expected, chunk);
        Assert.True(chunk * workers * 2 * sizeof(uint) >= 2 * ((1L << countBits) / 2) || chunk == BoilerplateFilter.FingerprintsPerChunk);
    }

    /// <summary>The 64-slots-at-a-time kernel against its scalar twin, at every gate, on random counters.</summary>
    [Theory]
    [InlineData(64)]
    [InlineData(4_096)]
    [InlineData(1_000)] // a tail the vectors leave
    public void SlotCountsPassing_Vector256_EqualsScalarTwin(int slots)
    {
        var random = new Random(slots);
        var words = new uint[(slots + 7) / 8];
        foreach (ref uint word in words.AsSpan())
        {
            word = (uint)random.NextInt64(0, 1L << 32);
        }
        for (int gate = 0; gate <= SlotCounts.MaxCount + 1; gate++)
        {
            var expected = new ulong[(slots + 63) / 64];
            SlotCounts.PassingScalar(words, 0, slots, gate, expected);
            var actual = new ulong[expected.Length];
            long done = SlotCounts.PassingVector256(words, slots / 64, gate, actual) * 64;
            SlotCounts.PassingScalar(words, done, slots, gate, actual);

            Assert.Equal(slots / 64, done / 64);
            Assert.Equal(expected, actual);
        }
        Assert.Equal(0x5555555555555555UL, SlotCounts.SpreadToEvenBits(uint.MaxValue));
        Assert.Equal(0b100_0001UL, SlotCounts.SpreadToEvenBits(0b1001));
    }

    [Fact]
    public void SlotCountsPassing_ReadsEachCounterByItsOffset_AsANibblePerSlot()
    {
        var counts = Enumerable.Range(0, 256).Select(i => i * 7 % 16).ToArray();
        var bytes = new byte[counts.Length / 2];
        for (int i = 0; i < counts.Length; i++)
        {
            bytes[i / 2] |= (byte)(counts[i] << (i % 2 * 4));
        }
        var words = new uint[bytes.Length / sizeof(uint)];
        Buffer.BlockCopy(bytes, 0, words, 0, bytes.Length);

        var passing = SlotCounts.Passing(words, 192, gate: 12, out long passingSlots);

        var expected = Enumerable.Range(0, 192).Where(i => counts[i] >= 12).ToArray();
        Assert.Equal(expected, Enumerable.Range(0, 192).Where(i => (passing[i >> 6] >> (i & 63) & 1) == 1).ToArray());
        Assert.Equal(expected.Length, passingSlots);
        Assert.Throws<ArgumentOutOfRangeException>(() => SlotCounts.Passing(words, 257, gate: 1, out _));
    }

    /// <summary>
    /// A counter stops at <see cref="SlotCounts.MaxCount"/>: added to 40 times it passes a threshold of 16 (pass 2
    /// counts exactly), added to 14 times it passes 14 but not 15; its neighbour in the same byte (added to twice as
    /// often) counts on its own; slots never added to pass nothing.
    /// </summary>
    [Theory]
    [InlineData(40, 16, true)]
    [InlineData(15, 16, true)]
    [InlineData(14, 15, false)]
    [InlineData(14, 14, true)]
    [InlineData(1, 2, false)]
    public void SlotCounts_Saturate_AtMaxCount(int adds, int threshold, bool passes)
    {
        const int Bits = 10;
        var counts = new SlotCounts(Bits, bucketBits: 2, workers: 2, chunk: 64, capacity: 64);
        uint even = 6u << (32 - Bits), odd = 7u << (32 - Bits);
        for (int k = 0; k < adds; k++)
        {
            counts.Add(k % 2, [even * 0x41444C71u]);
            counts.Add(k % 2, [odd * 0x41444C71u, odd * 0x41444C71u]);
            counts.Flush();
        }
        var passing = counts.Passing(threshold);
        Assert.Equal(passes, passing.Passes(even));
        Assert.Equal(2 * adds >= Math.Min(threshold, SlotCounts.MaxCount), passing.Passes(odd));
        Assert.False(passing.Passes(5u << (32 - Bits)));
        Assert.False(passing.Passes(8u << (32 - Bits)));
    }
}
