using NearDup.Clustering;

namespace NearDup.Tests.Clustering;

/// <summary>
/// A range's gathered anchors read back the same, group by group, whether held in memory or written to a spill file
/// of their own (which then holds them all), empty groups and groups longer than a page included.
/// </summary>
public sealed class GatheredAnchorsTests
{
    [Fact]
    public void InFile_SameGroupsAsInMemory_AndTheFileHoldsThem()
    {
        var random = new Random(5);
        uint[][] groups = [.. Enumerable.Range(0, 300).Select(g => g % 50 == 7 ? [] :
            Enumerable.Range(0, g == 100 ? FingerprintPages.PageSize / 2 : random.Next(1, 400)).Select(_ => (uint)random.Next()).Order().ToArray())];
        using var folder = new SketchStoreTests.SpillFolder();
        using var file = new FingerprintSpill(folder.Path);
        var inMemory = GatheredAnchors.InMemory(groups.Length, expected: 16);
        var inFile = GatheredAnchors.InFile(groups.Length, file);
        foreach (var group in groups)
        {
            foreach (var part in group.Chunk(7))
            {
                inMemory.AddRange(part);
                inFile.AddRange(part);
            }
            inMemory.EndGroup();
            inFile.EndGroup();
        }
        inMemory.Seal();
        inFile.Seal();

        for (int k = 0; k < groups.Length; k++)
        {
            Assert.Equal(groups[k], inMemory[k].ToArray());
            Assert.Equal(groups[k], inFile[k].ToArray());
        }
        Assert.Equal(groups.Sum(g => (long)g.Length) * sizeof(uint), file.Bytes);
    }
}
