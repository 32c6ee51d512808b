using System.Text;
using NearDup.Clustering;
using NearDup.Corpus;

namespace NearDup.Tests.Clustering;

/// <summary>The batch room DuplicateDetector.AddRange sketches into: the same sketches as the allocating path.</summary>
public sealed class SketchBatchTests
{
    /// <summary>Each batch sketched into its slices on several threads then added, or (<paramref name="atFront"/>) each text sketched into the room's front and added before the next, as one thread does.</summary>
    [Theory]
    [InlineData(1.0, false)]
    [InlineData(0.25, false)]
    [InlineData(1.0, true)]
    [InlineData(0.25, true)]
    public void SketchAddTo_EqualsSketchThenAdd(double sampleRate, bool atFront)
    {
        var options = NearDupOptions.Default with { SampleRate = sampleRate };
        var sketcher = new Sketcher(options);
        var texts = new CorpusGenerator(CorpusOptions.Default with { Documents = 60, Seed = 3, MaxDegreeOfParallelism = 1 }).Generate()
            .Select(d => d.Text).Concat(["", "one two", "Ünïcode Zürich 12,5 and more words here"]).ToList();
        // Every other text as UTF-16, the rest as UTF-8, and the batch reused for a second, shorter batch.
        var inputs = texts.Select((t, i) => i % 2 == 0 ? new DocumentInput("d" + i, t) : new DocumentInput("d" + i, Encoding.UTF8.GetBytes(t))).ToList();
        var room = new SketchBatch();
        var viaRoom = new SketchStore(sketcher.Lsh.Bands);
        var viaArrays = new SketchStore(sketcher.Lsh.Bands);
        foreach (var batch in new[] { inputs, inputs.Take(7).ToList() })
        {
            Assert.True(room.TryPrepare(batch, sketcher));
            if (!atFront)
            {
                Parallel.For(0, batch.Count, i => room.Sketch(i, batch[i], sketcher));
            }
            for (int i = 0; i < batch.Count; i++)
            {
                if (atFront)
                {
                    room.SketchAtFront(i, batch[i].Text is { } text ? new ParsedText(text.AsSpan()) : new ParsedText(batch[i].Utf8Text.Span), sketcher);
                    room.AddFrontTo(viaRoom, i, batch[i].Id, 42);
                }
                else
                {
                    room.AddTo(viaRoom, i, batch[i].Id, 42);
                }
                var d = batch[i];
                viaArrays.Add(d.Text is not null ? sketcher.Sketch(d.Id, d.Text, 42) : sketcher.Sketch(d.Id, d.Utf8Text.Span, 42));
            }
        }
        Assert.Equal(viaArrays.Count, viaRoom.Count);
        for (int slot = 0; slot < viaArrays.Count; slot++)
        {
            Assert.Equal(viaArrays.Id(slot), viaRoom.Id(slot));
            Assert.Equal(viaArrays.ContentHash(slot), viaRoom.ContentHash(slot));
            Assert.Equal(viaArrays.SimHash(slot), viaRoom.SimHash(slot));
            Assert.Equal(viaArrays.ShingleCount(slot), viaRoom.ShingleCount(slot));
            Assert.Equal(viaArrays.BandKeys(slot).ToArray(), viaRoom.BandKeys(slot).ToArray());
            Assert.Equal(viaArrays.Fingerprints(slot).ToArray(), viaRoom.Fingerprints(slot).ToArray());
            Assert.Equal(viaArrays.Positions(slot).ToArray(), viaRoom.Positions(slot).ToArray());
            Assert.Equal(viaArrays.Facts(slot).ToArray(), viaRoom.Facts(slot).ToArray());
        }
        Assert.Contains(Enumerable.Range(0, viaRoom.Count), slot => viaRoom.Facts(slot).Length > 0);
    }

    [Fact]
    public void TryPrepare_MoreThanTheRoom_False()
    {
        var sketcher = new Sketcher(NearDupOptions.Default);
        var text = string.Join(' ', Enumerable.Repeat("word", 500));
        List<DocumentInput> batch = [new("a", text), new("b", text)];
        Assert.True(new SketchBatch(maxRoom: 2 * sketcher.GetMaxShingleCount(text.Length)).TryPrepare(batch, sketcher));
        Assert.False(new SketchBatch(maxRoom: 2 * sketcher.GetMaxShingleCount(text.Length) - 1).TryPrepare(batch, sketcher));
    }
}
