using System.Globalization;
using System.Text.Json;
using NearDup.Clustering;
using NearDup.Persistence;

namespace NearDup.Tests.Persistence;

/// <summary>
/// <c>Fixtures/format3-index.ndup</c> is a real format 3 file: <c>neardup index build Fixtures/format3-docs.jsonl</c> at
/// f69151c, before format 4 (LZ4 sections, packed fingerprints, payload-first checksums). It must load, and answer
/// queries and cluster exactly as the same texts indexed now.
/// </summary>
public sealed class IndexFormatThreeTests
{
    private static string FixturePath(string name) => Path.Combine(SharedCorpus.RepositoryRoot, "tests", "NearDup.Tests", "Persistence", "Fixtures", name);

    private static List<DocumentInput> Documents() =>
        [.. File.ReadAllLines(FixturePath("format3-docs.jsonl")).Select(line =>
        {
            using var json = JsonDocument.Parse(line);
            var root = json.RootElement;
            DateTimeOffset? date = root.TryGetProperty("date", out var d)
                ? DateTimeOffset.Parse(d.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal)
                : null;
            return new DocumentInput(root.GetProperty("id").GetString()!, root.GetProperty("text").GetString()!, date);
        })];

    [Fact]
    public void Load_FormatThreeFixture_SameQueryAnswersAndClustersAsNow()
    {
        using var stream = File.OpenRead(FixturePath("format3-index.ndup"));
        var old = DuplicateDetector.Load(stream);
        var now = new DuplicateDetector();
        var documents = Documents();
        now.AddRange(documents);

        Assert.Equal(6, old.Count);
        Assert.Equal(IndexTestData.Serialize(now.Cluster(includePairs: true)), IndexTestData.Serialize(old.Cluster(includePairs: true)));
        var probes = documents.Select(d => d.Text!).Append(documents[0].Text![..300] + " and an ending that no indexed text has.");
        foreach (string probe in probes)
        {
            var expected = now.Query(probe);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, old.Query(probe));
        }
    }

    [Fact]
    public void Info_FormatThreeFixture_ReportsVersionThreeRawSections()
    {
        using var folder = new TempFolder();
        File.Copy(FixturePath("format3-index.ndup"), DuplicateDetector.IndexPath(folder.Path));
        var info = IndexInfo.Read(folder.Path);
        Assert.Equal(3, info.FormatVersion);
        Assert.All(info.Sections, s => Assert.Equal("raw", s.Codec));
    }

    [Fact]
    public void Save_FormatThreeFixtureLoaded_WritesCurrentFormatThatLoadsTheSame()
    {
        using var stream = File.OpenRead(FixturePath("format3-index.ndup"));
        var old = DuplicateDetector.Load(stream);
        byte[] current = IndexTestData.SaveToBytes(old);
        Assert.Equal(IndexFormat.Version, BitConverter.ToInt32(current, 8));
        var again = DuplicateDetector.Load(new MemoryStream(current));
        Assert.Equal(IndexTestData.Serialize(old.Cluster(includePairs: true)), IndexTestData.Serialize(again.Cluster(includePairs: true)));
    }
}
