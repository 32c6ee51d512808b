using System.CommandLine;
using NearDup.Cli.Commands;
using NearDup.Clustering;

namespace NearDup.Tests.Cli;

/// <summary><see cref="CommonOptions.GetEngineOptions"/>: the one place flags map to <see cref="NearDupOptions"/>, an index's saved options included.</summary>
public sealed class EngineOptionsMapTests
{
    private static readonly NearDupOptions s_saved = NearDupOptions.Default with
    {
        Shingles = NearDupOptions.Default.Shingles with { Size = 4 },
        MinContainment = 0.3,
        PassageShingles = 50,
        CommonShingleDocuments = 5,
        AnchorRate = 16,
    };

    private static (CommonOptions Common, ParseResult Result) Parse(bool thresholdsOnly, params string[] args)
    {
        var common = new CommonOptions();
        var command = new Command("test");
        if (thresholdsOnly)
        {
            common.AddThresholdOptions(command);
        }
        else
        {
            common.AddEngineOptions(command);
        }
        var result = command.Parse(args);
        Assert.Empty(result.Errors);
        return (common, result);
    }

    [Fact]
    public void GetEngineOptions_NothingGivenNoIndex_LibraryDefaults()
    {
        var (common, result) = Parse(thresholdsOnly: false);
        Assert.Equal(NearDupOptions.Default, common.GetEngineOptions(result));
    }

    [Fact]
    public void GetEngineOptions_GivenFlags_SetTheirOptions()
    {
        var (common, result) = Parse(false, "--shingle-size", "3", "--permutations", "64", "--min-shared", "50", "--common-docs", "9", "--threads", "2",
            "--anchor-rate", "2");
        var options = common.GetEngineOptions(result);
        Assert.Equal(2, options.AnchorRate);
        Assert.Equal(3, options.Shingles.Size);
        Assert.Equal(64, options.MinHash.Permutations);
        Assert.Equal(50, options.MinSharedShingles);
        Assert.Equal(50, options.PassageShingles); // follows a raised --min-shared when not given itself
        Assert.Equal(9, options.CommonShingleDocuments);
        Assert.Equal(2, options.MaxDegreeOfParallelism);
    }

    [Fact]
    public void GetEngineOptions_WithIndex_SavedValuesUnlessGiven()
    {
        var (common, result) = Parse(false, "--min-shared", "60", "--threads", "1");
        var options = common.GetEngineOptions(result, s_saved);
        Assert.Equal(4, options.Shingles.Size);
        Assert.Equal(0.3, options.MinContainment);
        Assert.Equal(60, options.MinSharedShingles);
        Assert.Equal(60, options.PassageShingles);
        Assert.Equal(5, options.CommonShingleDocuments);
        Assert.Equal(16, options.AnchorRate); // not given: the index's
        Assert.Equal(1, options.MaxDegreeOfParallelism);
    }

    [Fact]
    public void GetEngineOptions_ThresholdsOnlyCommand_SketchOptionsFromIndex()
    {
        var (common, result) = Parse(thresholdsOnly: true, "--min-containment", "0.2");
        var options = common.GetEngineOptions(result, s_saved);
        Assert.Equal(s_saved with { MinContainment = 0.2 }, options);
    }

    [Fact]
    public void GetEngineOptions_SketchFlagDiffersFromIndex_ErrorNamesFlagAndValues()
    {
        var (common, result) = Parse(false, "--shingle-size", "7");
        var e = Assert.Throws<ArgumentException>(() => common.GetEngineOptions(result, s_saved));
        Assert.StartsWith("--shingle-size 7 differs from the index's 4", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetEngineOptions_AnchorRateDiffersFromIndex_ErrorNamesFlagAndValues()
    {
        // The index's anchor table was built at its rate: a query or an added document must take anchors the same way.
        var (common, result) = Parse(false, "--anchor-rate", "4");
        var e = Assert.Throws<ArgumentException>(() => common.GetEngineOptions(result, s_saved));
        Assert.StartsWith("--anchor-rate 4 differs from the index's 16", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void GetEngineOptions_SketchFlagEqualToIndex_Accepted()
    {
        var (common, result) = Parse(false, "--shingle-size", "4");
        Assert.Equal(s_saved, common.GetEngineOptions(result, s_saved));
    }

    [Fact]
    public void GetEngineOptions_BadValue_NamedByFlag()
    {
        var (common, result) = Parse(true, "--common-docs", "1");
        var e = Assert.Throws<ArgumentException>(() => common.GetEngineOptions(result, s_saved));
        Assert.Equal("--common-docs must be at least 2; got 1.", e.Message);
    }

    [Fact]
    public void GetEngineOptions_AnchorRateNotAPowerOfTwo_NamedByFlag()
    {
        var (common, result) = Parse(false, "--anchor-rate", "3");
        var e = Assert.Throws<ArgumentException>(() => common.GetEngineOptions(result));
        Assert.Equal("--anchor-rate must be a power of two from 1 to 256; got 3.", e.Message);
    }
}
