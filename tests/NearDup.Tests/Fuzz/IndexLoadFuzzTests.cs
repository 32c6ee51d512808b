using NearDup.Clustering;
using NearDup.Persistence;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the index loader with CsCheck: a saved index damaged by several flipped bytes, a cut, a
/// spliced-in run of random bytes or a mix of these is refused with <see cref="InvalidDataException"/>, never loaded
/// half, never another exception; undamaged, it loads with the same documents and answers.
/// </summary>
public sealed class IndexLoadFuzzTests
{
    private static readonly Lazy<(byte[] Raw, byte[] Brotli, string Answers)> s_saved = new(() =>
    {
        var detector = IndexTestData.Build(IndexTestData.Corpus.Take(30));
        return (Save(detector, SectionCodec.Raw), Save(detector, SectionCodec.Brotli), IndexTestData.QueryAll(detector));
    });

    private static readonly Gen<(int Position, byte Flip)[]> s_flips = Gen.Select(Gen.Int.Positive, Gen.Byte[1, 255]).Array[1, 6];

    [Fact]
    public void Load_Undamaged_SameAnswers()
    {
        var (raw, brotli, answers) = s_saved.Value;
        Assert.Equal(answers, IndexTestData.QueryAll(DuplicateDetector.Load(new MemoryStream(raw))));
        Assert.Equal(answers, IndexTestData.QueryAll(DuplicateDetector.Load(new MemoryStream(brotli))));
    }

    [Fact]
    public void Load_FlipsCutsAndSplices_InvalidDataOnly() =>
        Gen.Select(Gen.Bool, s_flips, Gen.Int[-1, int.MaxValue], Gen.Byte.Array[0, 40]).Sample((brotli, flips, cut, splice) =>
        {
            byte[] good = brotli ? s_saved.Value.Brotli : s_saved.Value.Raw;
            byte[] bad = (byte[])good.Clone();
            foreach (var (position, flip) in flips.DistinctBy(f => f.Position % good.Length))
            {
                bad[position % bad.Length] ^= flip;
            }
            if (cut >= 0)
            {
                int at = cut % bad.Length;
                bad = [.. bad[..at], .. splice, .. bad[(at + (splice.Length > 0 ? 0 : 1))..]];
            }
            var e = Assert.Throws<InvalidDataException>(() => DuplicateDetector.Load(new MemoryStream(bad)));
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(400), time: FuzzBudget.Seconds);

    [Fact]
    public void Load_Truncated_InvalidDataOnly() =>
        Gen.Select(Gen.Bool, Gen.Double[0, 1]).Sample((brotli, where) =>
        {
            byte[] good = brotli ? s_saved.Value.Brotli : s_saved.Value.Raw;
            byte[] cut = good[..(int)(where * (good.Length - 1))];
            Assert.Throws<InvalidDataException>(() => DuplicateDetector.Load(new MemoryStream(cut)));
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(300), time: FuzzBudget.Seconds);

    private static byte[] Save(DuplicateDetector detector, SectionCodec codec)
    {
        using var stream = new MemoryStream();
        detector.Save(stream, new IndexCodecs { Documents = codec, Bands = codec, Fingerprints = codec });
        return stream.ToArray();
    }
}
