using System.Diagnostics;
using NearDup.Cli.Commands;
using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Persistence;
using NearDup.Signatures;

namespace NearDup.Tests.Cli;

/// <summary>Every row of <see cref="CliError"/>'s table: exit code and message.</summary>
public sealed class CliErrorTests
{
    private const string Index = "/data/idx";

    private static (int Code, string Message) Mapped(Exception e, string? index = null)
    {
        var mapped = CliError.Map(e, index);
        Assert.NotNull(mapped);
        return mapped.Value;
    }

    [Fact]
    public void Map_InputException_BadInputWithMessage() =>
        Assert.Equal((2, "error: a.jsonl:3: no text field"), Mapped(new InputException("a.jsonl:3: no text field")));

    [Fact]
    public void Map_ArgumentException_BadInput() =>
        Assert.Equal((2, "error: --threads must be -1 or positive"), Mapped(new ArgumentException("--threads must be -1 or positive")));

    [Fact]
    public void Map_ArgumentOutOfRange_BadInputToo() =>
        Assert.Equal(CliError.BadInput, Mapped(new ArgumentOutOfRangeException("x", "out of range")).Code);

    [Fact]
    public void Map_KernelSelection_BadInput()
    {
        var e = Assert.Throws<KernelSelectionException>(() => SignatureKernels.Resolve("Avx1024"));
        var (code, message) = Mapped(e);
        Assert.Equal(2, code);
        Assert.StartsWith("error: NEARDUP_FORCE_KERNEL='Avx1024'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Map_Cancelled_130() =>
        Assert.Equal((130, "cancelled: nothing was written."), Mapped(new OperationCanceledException()));

    [Fact]
    public void Map_InvalidDataWithIndex_BadInputNamingTheIndexFile() =>
        Assert.Equal((2, $"error: {DuplicateDetector.IndexPath(Index)}: the fingerprints section fails its checksum."),
            Mapped(new InvalidDataException("the fingerprints section fails its checksum."), Index));

    [Fact]
    public void Map_InvalidDataWithoutIndex_NotMapped() =>
        Assert.Null(CliError.Map(new InvalidDataException("x")));

    [Fact]
    public void Map_IndexFileMissing_BadInputSayingHowToBuildOne()
    {
        var (code, message) = Mapped(new FileNotFoundException("/data/idx: not a NearDup index folder.", DuplicateDetector.IndexPath(Index)), Index);
        Assert.Equal(2, code);
        Assert.Equal("error: /data/idx: not a NearDup index folder. Build one with: neardup index build INPUT --index /data/idx", message);
    }

    [Fact]
    public void Map_OtherFileMissing_Failed() =>
        Assert.Equal((1, "error: gone"), Mapped(new FileNotFoundException("gone", "/data/other.jsonl"), Index));

    [Fact]
    public void Map_IndexFolderMissing_BadInput_OtherwiseFailed()
    {
        Assert.Equal((2, "error: /data/idx: no such index folder."), Mapped(new DirectoryNotFoundException("/data/idx: no such index folder."), Index));
        Assert.Equal((1, "error: no folder"), Mapped(new DirectoryNotFoundException("no folder")));
    }

    [Fact]
    public void Map_IndexLocked_75() =>
        Assert.Equal((75, "error: held by pid 12"), Mapped(new IndexLockedException("held by pid 12")));

    [Fact]
    public void Map_IOException_Failed() =>
        Assert.Equal((1, "error: No space left on device"), Mapped(new IOException("No space left on device")));

    [Fact]
    public void Map_UnauthorizedAccess_Failed() =>
        Assert.Equal((1, "error: denied"), Mapped(new UnauthorizedAccessException("denied")));

    [Fact]
    public void Map_Bug_NotMapped()
    {
        Assert.Null(CliError.Map(new NullReferenceException()));
        Assert.Null(CliError.Map(new InvalidOperationException("a bug")));
    }

    [Fact]
    public void Run_MappedException_ReturnsItsCode_AndUnmappedOnePropagates()
    {
        Assert.Equal(75, CommandRunner.Run(() => throw new IndexLockedException("held")));
        Assert.Throws<InvalidOperationException>(() => CommandRunner.Run(() => throw new InvalidOperationException("a bug")));
    }

    [Fact]
    public void Cluster_UnknownForcedKernel_Exit2AndOneLine()
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string arg in (string[])[CliProcess.CliPath, "cluster", Path.Combine(SharedCorpus.RepositoryRoot, "corpus", "sample", "docs.jsonl"), "-q"])
        {
            start.ArgumentList.Add(arg);
        }
        start.Environment[SignatureKernels.ForceVariable] = "Vector1024";
        var (exit, _, error) = CliProcess.Finish(Process.Start(start)!);
        Assert.Equal(2, exit);
        Assert.StartsWith("error: NEARDUP_FORCE_KERNEL='Vector1024' names no kernel available", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }
}
