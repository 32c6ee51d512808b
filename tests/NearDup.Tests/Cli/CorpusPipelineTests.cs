using System.Text.Json;
using NearDup.Cli.Commands;
using NearDup.Cli.Input;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

[Collection(ConsoleCollection.Name)]
public sealed class CorpusPipelineTests
{
    private static string WriteCorpus(TempFolder folder)
    {
        string docs = Path.Combine(folder.Path, "docs.jsonl");
        File.WriteAllLines(docs, IndexTestData.Corpus.Select(d => JsonSerializer.Serialize(new { id = d.Id, text = d.Text })));
        return docs;
    }

    private static string[] Clusters(ClusteringResult result) =>
        [.. result.Clusters.Select(c => c.Id + ":" + string.Join(",", c.Members.Select(m => $"{m.Id}/{m.Role}/{m.Jaccard}")))];

    [Fact]
    public void Run_SameClustersAsTheDetector_WithReadFigures()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder);
        var pipeline = new CorpusPipeline(new InputOptions(), NearDupOptions.Default, quiet: true, verbose: false);

        var run = pipeline.Run(docs, includePairs: true, CancellationToken.None);

        using var detector = new DuplicateDetector(NearDupOptions.Default);
        detector.AddRange(IndexTestData.Corpus.Select(d => new DocumentInput(d.Id, d.Text)));
        var direct = detector.Cluster(includePairs: true);
        Assert.Equal(Clusters(direct), Clusters(run.Result));
        Assert.Equal(direct.Pairs.Count, run.Result.Pairs.Count);
        Assert.Equal(IndexTestData.Corpus.Count, run.Read!.Documents);
        Assert.Equal(new FileInfo(docs).Length, run.Read.Reader.BytesRead);
        Assert.Equal(detector.LshParameters, run.Lsh);
        Assert.True(run.Seconds >= run.ClusterSeconds);
    }

    [Fact]
    public void RunIndex_SavedCorpus_SameClustersAsRun()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder), index = Path.Combine(folder.Path, "idx");
        var pipeline = new CorpusPipeline(new InputOptions(), NearDupOptions.Default, quiet: true, verbose: false);
        using (var detector = new DuplicateDetector(pipeline.Engine))
        {
            pipeline.Read(detector, docs, documents => documents, CancellationToken.None);
            detector.Save(index);
        }

        var fromIndex = pipeline.RunIndex(index, includePairs: false, CancellationToken.None);

        var fromInput = pipeline.Run(docs, includePairs: false, CancellationToken.None);
        Assert.Null(fromIndex.Read);
        Assert.Equal(Clusters(fromInput.Result), Clusters(fromIndex.Result));
    }

    [Fact]
    public void Read_Select_AddsOnlyWhatItPasses()
    {
        using var folder = new TempFolder();
        string docs = WriteCorpus(folder), left = IndexTestData.Corpus[3].Id;
        var pipeline = new CorpusPipeline(new InputOptions(), NearDupOptions.Default, quiet: true, verbose: false);
        using var detector = new DuplicateDetector(pipeline.Engine);

        // Left out as index add leaves out an id its index holds: here one another detector holds.
        using var holder = new DuplicateDetector(pipeline.Engine);
        holder.Add(left, "a text of its own, held elsewhere");
        var known = new IndexKnownIds(holder, docs, "IDX", skipInvalid: true);

        var read = pipeline.Read(detector, docs, batches => IndexCommand.Fresh(batches, known), CancellationToken.None);

        Assert.Equal(IndexTestData.Corpus.Count - 1, read.Documents);
        Assert.Equal(IndexTestData.Corpus.Count - 1, detector.Count);
        Assert.False(detector.Contains(left));
        Assert.True(detector.Contains(IndexTestData.Corpus[4].Id));
        Assert.Equal(1, known.Skipped);
    }

    /// <summary>Commands share the pipeline and helper types, not each other: no command file names another command's type.</summary>
    [Fact]
    public void Commands_DoNotCallOneAnother()
    {
        string folder = Path.Combine(SharedCorpus.RepositoryRoot, "src", "NearDup.Cli", "Commands");
        // The commands that read a corpus or an index; serve and remote, the partitioned index's pair, share its endpoint parsing.
        string[] commands = ["BenchCommand", "ClusterCommand", "DedupCommand", "EvalCommand", "GenCommand", "IndexCommand", "QueryCommand", "ReportCommand"];
        var calls = new List<string>();
        foreach (string file in Directory.GetFiles(folder, "*.cs"))
        {
            string self = Path.GetFileNameWithoutExtension(file);
            string text = File.ReadAllText(file);
            calls.AddRange(commands.Where(c => c != self && text.Contains(c + ".", StringComparison.Ordinal)).Select(c => $"{self} -> {c}"));
        }
        Assert.Empty(calls);
    }
}
