using System.CommandLine;
using System.Text.Json;
using NearDup.Cli.Commands;

namespace NearDup.Tests.Cli;

public sealed class BenchCommandTests
{
    private static (int Exit, string Output, string Error) Invoke(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        int exit = BenchCommand.Create().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    [Fact]
    public void Invoke_GeneratedCorpusTwoConfigs_WritesTableAndJson()
    {
        string json = Path.Combine(Path.GetTempPath(), $"neardup-bench-{Guid.NewGuid():N}.json");
        try
        {
            var (exit, output, error) = Invoke("--docs", "300", "--seed", "2", "--threads", "1", "--config", "default", "--config", "k64=--permutations 64 --sample-rate 0.5", "--json", json, "-q");

            Assert.True(exit == 0, error);
            Assert.Contains("300 documents", output);
            string header = output.Split('\n').First(l => l.StartsWith("| metric", StringComparison.Ordinal));
            Assert.Contains("default", header);
            Assert.Contains("k64", header);
            foreach (string row in new[] { "read+parse+sketch s (AddRange)", "candidates+verify s", "cluster s", "peak working set MB", "normalize+shingle s", "signatures s", "index s", "pairwise F1", "recall syndicated" })
            {
                Assert.Contains(row, output);
            }

            using var document = JsonDocument.Parse(File.ReadAllText(json));
            var root = document.RootElement;
            Assert.Equal(300, root.GetProperty("corpus").GetProperty("documents").GetInt32());
            Assert.True(root.GetProperty("corpus").GetProperty("labelled").GetBoolean());
            // The kernels' tier is part of what the figures were taken on.
            string expectedVectors = System.Runtime.Intrinsics.Vector512.IsHardwareAccelerated ? "512-bit (AVX-512)"
                : System.Runtime.Intrinsics.Vector256.IsHardwareAccelerated ? "256-bit (AVX2)"
                : System.Runtime.Intrinsics.Vector128.IsHardwareAccelerated ? "128-bit" : "none";
            Assert.Equal(expectedVectors, root.GetProperty("machine").GetProperty("vectors").GetString());
            Assert.Contains($"widest vectors {expectedVectors}", output);
            var configs = root.GetProperty("configs").EnumerateArray().ToArray();
            Assert.Equal(["default", "k64"], configs.Select(c => c.GetProperty("name").GetString()));
            Assert.Equal("--permutations 64 --sample-rate 0.5", configs[1].GetProperty("options").GetString());
            foreach (var config in configs)
            {
                var e2e = config.GetProperty("endToEnd");
                Assert.Equal(300, e2e.GetProperty("documents").GetInt32());
                Assert.Equal(1, e2e.GetProperty("threads").GetInt32());
                Assert.True(e2e.GetProperty("readSketch").GetProperty("seconds").GetDouble() > 0);
                Assert.True(e2e.GetProperty("total").GetProperty("mbPerSecond").GetDouble() > 0);
                Assert.True(e2e.GetProperty("total").GetProperty("docsPerSecond").GetDouble() > 0);
                Assert.True(e2e.GetProperty("peakWorkingSetBytes").GetInt64() > 0);
                Assert.True(e2e.GetProperty("candidateVerifySeconds").GetDouble() >= 0);
                Assert.True(e2e.GetProperty("clusterSeconds").GetDouble() >= 0);
                var stages = config.GetProperty("stages").EnumerateArray().ToDictionary(s => s.GetProperty("name").GetString()!);
                Assert.Equal(["read+parse", "normalize+shingle", "signatures", "index", "full sketch"], stages.Keys);
                // The full sketch line is a pass of its own over the same input: every document and byte, so its bytes per
                // document are the corpus's.
                var sketch = stages["full sketch"];
                Assert.True(sketch.GetProperty("mbPerSecond").GetDouble() > 0);
                double bytesPerDocument = root.GetProperty("corpus").GetProperty("bytes").GetDouble() / 300;
                Assert.Equal(bytesPerDocument, sketch.GetProperty("mbPerSecond").GetDouble() * 1e6 / sketch.GetProperty("docsPerSecond").GetDouble(), bytesPerDocument * 1e-3);
                var quality = config.GetProperty("quality");
                Assert.InRange(quality.GetProperty("f1").GetDouble(), 0.9, 1.0);
                Assert.InRange(quality.GetProperty("adjustedRandIndex").GetDouble(), 0.9, 1.0);
                Assert.True(quality.GetProperty("roleRecall").GetProperty("syndicated").GetProperty("documents").GetInt32() > 0);
            }
            var k64 = configs[1].GetProperty("endToEnd");
            Assert.InRange(k64.GetProperty("lshBands").GetInt32() * k64.GetProperty("lshRows").GetInt32(), 1, 64);
        }
        finally
        {
            File.Delete(json);
        }
    }

    [Fact]
    public void Invoke_InputFolderWithoutLabels_NoQualityRows()
    {
        string folder = Directory.CreateTempSubdirectory("neardup-bench-test-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "a.txt"), "the quick brown fox jumps over the lazy dog near the river bank today");
            File.WriteAllText(Path.Combine(folder, "b.txt"), "the quick brown fox jumps over the lazy dog near the river bank today");
            var (exit, output, error) = Invoke(folder, "--no-stages", "-q");
            Assert.True(exit == 0, error);
            Assert.Contains("2 documents", output);
            Assert.Contains("clusters / copies", output);
            Assert.DoesNotContain("pairwise F1", output);
            Assert.DoesNotContain("normalize+shingle", output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("--config", "nosuchpreset", "not a preset")]
    [InlineData("--config", "k=--permutations -5", "--permutations must be 1 to 1048576; got -5.")]
    [InlineData("--config", "k=--no-such-option 1", "--no-such-option")]
    [InlineData("--docs", "0", "--docs must be at least 1")]
    [InlineData("--labels", "/nonexistent/labels.jsonl", "no such labels file")]
    [InlineData("--threads", "0", "--threads")]
    public void Invoke_BadArgument_ClearErrorAndNonZeroExit(string option, string value, string message)
    {
        var (exit, output, error) = Invoke(option, value, "-q");
        Assert.Equal(CommandRunner.BadInput, exit);
        Assert.Contains("error:", error);
        Assert.Contains(message, error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Invoke_DuplicateConfigName_Fails()
    {
        var (exit, _, error) = Invoke("--config", "default", "--config", "default=--permutations 64", "-q");
        Assert.Equal(CommandRunner.BadInput, exit);
        Assert.Contains("given twice", error);
    }

    [Fact]
    public void Invoke_MissingInput_Fails()
    {
        var (exit, _, error) = Invoke("/nonexistent/corpus.jsonl", "-q");
        Assert.Equal(CommandRunner.BadInput, exit);
        Assert.Contains("no such file or folder", error);
    }

    [Fact]
    public void Invoke_NotANumber_ParserErrorAndNonZeroExit()
    {
        var (exit, _, error) = Invoke("--docs", "ten");
        Assert.NotEqual(0, exit);
        Assert.Contains("ten", error);
    }

    [Fact]
    public void Presets_AllParse()
    {
        Assert.True(BenchCommand.TryParseConfigs([.. BenchCommand.Presets.Keys], -1, out var configs, out string? problem), problem);
        Assert.Equal(BenchCommand.Presets.Count, configs.Count);
        Assert.Equal(64, configs.Single(c => c.Name == "minhash64").Engine.MinHash.Permutations);
        Assert.Equal(0.25, configs.Single(c => c.Name == "sample-quarter").Engine.SampleRate);
        Assert.Equal(7, configs.Single(c => c.Name == "shingle7").Engine.Shingles.Size);
    }
}
