using NearDup.Cli.Input;
using NearDup.Cli.Pipeline;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary><see cref="SpillChoice"/> and <see cref="InputSize"/>: a corpus larger than the heap the process may have spills, one that fits does not.</summary>
public sealed class SpillChoiceTests
{
    private const long Gigabyte = 1_000_000_000;

    private static readonly InputSize s_million = new(6 * Gigabyte, 1_000_000);

    [Fact]
    public void Decide_FitsInShareOfHeap_InMemoryWithoutNote()
    {
        var choice = SpillChoice.Decide("docs.jsonl", s_million, 1.0, availableHeap: 16 * Gigabyte, "/tmp", freeDisk: 100 * Gigabyte);
        Assert.Null(choice.Directory);
        Assert.Null(choice.Note);
    }

    [Fact]
    public void Decide_MoreThanShareOfHeap_SpillsToTempAndSaysWhy()
    {
        var choice = SpillChoice.Decide("docs.jsonl", s_million, 1.0, availableHeap: 3 * Gigabyte, "/scratch", freeDisk: 100 * Gigabyte);
        Assert.Equal("/scratch", choice.Directory);
        Assert.Contains("docs.jsonl needs about 6.7 GB of memory and this process may have 3.0 GB", choice.Note);
        Assert.Contains("--no-spill", choice.Note);
    }

    [Fact]
    public void Decide_LowerSampleRate_FitsWhereRateOneSpills()
    {
        // 1/4 of the shingles: about a quarter of the fingerprints' heap.
        Assert.NotNull(SpillChoice.Decide("docs.jsonl", s_million, 1.0, 4 * Gigabyte, "/tmp", 100 * Gigabyte).Directory);
        Assert.Null(SpillChoice.Decide("docs.jsonl", s_million, 0.25, 4 * Gigabyte, "/tmp", 100 * Gigabyte).Directory);
    }

    [Fact]
    public void Decide_DiskTooSmallForSpill_InMemoryWithWarning()
    {
        var choice = SpillChoice.Decide("docs.jsonl", s_million, 1.0, availableHeap: 3 * Gigabyte, "/tmp", freeDisk: 1 * Gigabyte);
        Assert.Null(choice.Directory);
        Assert.Contains("has 1.0 GB free", choice.Note);
        Assert.Contains("--spill-dir DIR on a larger disk", choice.Note);
    }

    [Fact]
    public void Decide_UnknownSizeOrHeap_InMemoryWithoutNote()
    {
        Assert.Equal(new SpillChoice(null, null), SpillChoice.Decide("-", InputSize.Unknown, 1.0, 1 * Gigabyte, "/tmp", 100 * Gigabyte));
        Assert.Equal(new SpillChoice(null, null), SpillChoice.Decide("docs.jsonl", s_million, 1.0, 0, "/tmp", 100 * Gigabyte));
    }

    [Fact]
    public void WhyNotInMemory_EstimatePastWholeHeap_SaysWhatToDo()
    {
        string? why = SpillChoice.WhyNotInMemory("docs.jsonl", s_million, 1.0, availableHeap: 6 * Gigabyte);
        Assert.NotNull(why);
        Assert.StartsWith("docs.jsonl needs about 6.7 GB of memory and this process may have 6.0 GB", why);
        Assert.Contains("Leave out --no-spill", why);
    }

    [Fact]
    public void WhyNotInMemory_PastShareButWithinHeap_MayTry()
    {
        // 6.7 GB is past 0.8 of 8 GB, where a run without the flag spills, but within the heap: --no-spill may try.
        Assert.NotNull(SpillChoice.Decide("docs.jsonl", s_million, 1.0, 8 * Gigabyte, "/tmp", 100 * Gigabyte).Directory);
        Assert.Null(SpillChoice.WhyNotInMemory("docs.jsonl", s_million, 1.0, availableHeap: 8 * Gigabyte));
        Assert.Null(SpillChoice.WhyNotInMemory("-", InputSize.Unknown, 1.0, availableHeap: 1 * Gigabyte));
        Assert.Null(SpillChoice.WhyNotInMemory("docs.jsonl", s_million, 0.25, availableHeap: 6 * Gigabyte));
    }

    [Fact]
    public void HeapNeed_ShortDocuments_CountedPerDocumentNotOnlyPerByte()
    {
        // A million tweets of 200 bytes hold as many documents as a million articles in a thirtieth of the bytes.
        long tweets = SpillChoice.HeapNeed(new InputSize(200_000_000, 1_000_000), 1.0);
        Assert.True(tweets > 2 * 200_000_000, $"estimated {tweets:N0} bytes");
    }

    [Fact]
    public void InputSize_JsonlFile_LinesCountedFromItsStart()
    {
        using var folder = new TempFolder();
        string path = CliHarness.WriteNumbered(folder.Path, "docs.jsonl", "d", 500);
        var size = InputSize.Of(path, new InputOptions());
        Assert.Equal(new FileInfo(path).Length, size.TextBytes);
        Assert.InRange(size.Documents, 450, 550);
    }

    [Fact]
    public void InputSize_CompressedFile_CountedAtItsRatio()
    {
        using var folder = new TempFolder();
        string path = Path.Combine(folder.Path, "docs.jsonl.gz");
        File.WriteAllBytes(path, new byte[10_000]);
        var size = InputSize.Of(path, new InputOptions());
        Assert.Equal(10_000 * InputSize.CompressedRatio, size.TextBytes);
        Assert.Equal(10_000 * InputSize.CompressedRatio / InputSize.AssumedDocumentBytes, size.Documents);
    }

    [Fact]
    public void InputSize_Folder_TextFilesOneDocumentEachAndDataFilesByLines()
    {
        using var folder = new TempFolder();
        File.WriteAllText(Path.Combine(folder.Path, "a.txt"), "one story\nin two lines\n");
        Directory.CreateDirectory(Path.Combine(folder.Path, "sub"));
        File.WriteAllText(Path.Combine(folder.Path, "sub", "b"), "another\n");
        CliHarness.WriteNumbered(folder.Path, "c.jsonl", "c", 100);
        var size = InputSize.Of(folder.Path, new InputOptions());
        Assert.Equal(Directory.EnumerateFiles(folder.Path, "*", SearchOption.AllDirectories).Sum(f => new FileInfo(f).Length), size.TextBytes);
        Assert.InRange(size.Documents, 2 + 90, 2 + 110);
    }

    [Theory]
    [InlineData("-")]
    [InlineData("/no/such/file.jsonl")]
    [InlineData("/dev/null")]
    public void InputSize_StdinMissingOrDevice_Unknown(string input) => Assert.False(InputSize.Of(input, new InputOptions()).IsKnown);
}
