using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Tests.Clustering;

/// <summary>
/// The anchor table's bucket sort: postings listed in owner order come out sorted by (key, owner), as the comparison
/// sort it replaces leaves them, for buckets below and above the radix threshold, with one sorter reused.
/// </summary>
public sealed class PostingRadixSortTests
{
    [Fact]
    public void Sort_PostingsInOwnerOrder_AsPostingTableSorts()
    {
        var random = new Random(11);
        var sorter = new PostingRadixSort();
        foreach (int length in new[] { 0, 1, 5, 255, 256, 3_000, 40_000, 700 })
        {
            // Keys share their top 11 bits (one bucket); few distinct low bits, so many keys repeat across owners.
            uint top = (uint)random.Next(1 << 11) << 21;
            var postings = new List<(uint Key, int Owner)>();
            for (int owner = 0; postings.Count < length; owner++)
            {
                foreach (uint low in Enumerable.Range(0, random.Next(1, 30)).Select(_ => (uint)random.Next(Math.Max(2, length / 3))).Distinct())
                {
                    postings.Add((top | low, owner));
                }
            }
            postings.RemoveRange(length, postings.Count - length);
            uint[] keys = [.. postings.Select(p => p.Key)], expectedKeys = [.. keys];
            int[] owners = [.. postings.Select(p => p.Owner)], expectedOwners = [.. owners];
            PostingTable<uint>.Sort(expectedKeys, expectedOwners);

            sorter.Sort(keys, owners, 21);

            Assert.Equal(expectedKeys, keys);
            Assert.Equal(expectedOwners, owners);
        }
    }

    [Fact]
    public void Sort_OddNumberOfPasses_LeavesTheResultInPlace()
    {
        var random = new Random(5);
        uint[] keys = [.. Enumerable.Range(0, 1_000).Select(_ => (uint)random.Next(1 << 10))];
        int[] owners = [.. Enumerable.Range(0, 1_000)];
        uint[] expectedKeys = [.. keys];
        int[] expectedOwners = [.. owners];
        PostingTable<uint>.Sort(expectedKeys, expectedOwners);

        new PostingRadixSort().Sort(keys, owners, 10);

        Assert.Equal(expectedKeys, keys);
        Assert.Equal(expectedOwners, owners);
    }
}
