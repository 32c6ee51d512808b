using System.Text;
using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>The thread's room a query is sketched into: the sketch the allocating path gives, undated, whatever the room held before.</summary>
public sealed class QueryRoomTests
{
    [Theory]
    [InlineData(1.0)]
    [InlineData(0.25)]
    public void Sketch_EqualsAllocatingSketch(double sampleRate)
    {
        var sketcher = new Sketcher(NearDupOptions.Default with { SampleRate = sampleRate });
        var generated = new CorpusGenerator(CorpusOptions.Default with { Documents = 40, Seed = 5, MaxDegreeOfParallelism = 1 }).Generate().Select(d => d.Text);
        // A text past the room's first size (it grows), then short ones after long ones (what the room held before must not show).
        string longText = string.Join(' ', Enumerable.Range(0, 6000).Select(i => "w" + i * 7919 % 10007));
        List<string> texts = [.. generated, longText, "", "one two", "Ünïcode Zürich 12,5 and more words here", .. generated.Take(3)];
        for (int i = 0; i < texts.Count; i++)
        {
            string text = texts[i];
            var bytes = Encoding.UTF8.GetBytes(text);
            var expected = i % 2 == 0 ? sketcher.Sketch("", text, long.MaxValue) : sketcher.Sketch("", bytes, long.MaxValue);
            var parsed = i % 2 == 0 ? new ParsedText(text.AsSpan()) : new ParsedText(bytes);
            int maxShingles = i % 2 == 0 ? sketcher.GetMaxShingleCount(text.Length) : sketcher.GetMaxShingleCountUtf8(bytes.Length);
            long ticks = i % 3 == 0 ? long.MaxValue : 638_000_000_000_000_000 + i;
            var sketch = QueryRoom.Sketch(parsed, ticks, maxShingles, sketcher);
            Assert.Equal(expected.ContentHash, sketch.ContentHash);
            Assert.Equal(expected.SimHash, sketch.SimHash);
            Assert.Equal(expected.ShingleCount, sketch.ShingleCount);
            Assert.Equal(ticks, sketch.DateTicks);
            Assert.Equal(expected.BandKeys, sketch.BandKeys.ToArray());
            Assert.Equal(expected.Fingerprints, sketch.Fingerprints.ToArray());
            Assert.Equal(expected.Positions, sketch.Positions.ToArray());
            Assert.Equal(expected.Facts, sketch.Facts.ToArray());
        }
        Assert.True(sketcher.Sketch("", longText, 0).Fingerprints.Length > 1000);
    }

    [Fact]
    public void Sketch_BoundAboveTheRoom_Throws()
    {
        var sketcher = new Sketcher(NearDupOptions.Default);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
        {
            _ = QueryRoom.Sketch(new ParsedText("a b c".AsSpan()), long.MaxValue, QueryRoom.MaxShingles + 1, sketcher);
        });
    }
}
