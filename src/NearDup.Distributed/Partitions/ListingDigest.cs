using System.IO.Hashing;
using System.Text;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// XXH3-64 of a run of documents as a batch run listed them, (id, content hash) after (id, content hash) in ordinal order
/// of id: a document partition that finds the same digest over the same run of its rows holds them as listed, so the
/// run's coordinator need not send their ids (<see cref="SizeRequest"/>).
/// </summary>
internal static class ListingDigest
{
    public static ulong Of(IEnumerable<(string Id, ulong Content)> documents)
    {
        var hash = new XxHash3();
        Span<byte> fixedPart = stackalloc byte[12];
        foreach (var (id, content) in documents)
        {
            byte[] utf8 = Encoding.UTF8.GetBytes(id);
            // The id's length first, so that no two runs of ids write the same bytes.
            BitConverter.TryWriteBytes(fixedPart, utf8.Length);
            BitConverter.TryWriteBytes(fixedPart[4..], content);
            hash.Append(fixedPart[..4]);
            hash.Append(utf8);
            hash.Append(fixedPart[4..]);
        }
        return hash.GetCurrentHashAsUInt64();
    }
}
