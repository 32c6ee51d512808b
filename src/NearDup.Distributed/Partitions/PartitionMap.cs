using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// Which partition a key or a document lives in: XXH3-64 of its bytes modulo the partition count, the same in every
/// process (unlike <see cref="string.GetHashCode()"/>), so any client finds any row. The count is fixed when the index
/// is created (<see cref="Grains.IndexManifest"/>): changing it would move nearly every row.
/// </summary>
public static class PartitionMap
{
    /// <summary>The partition of key (<paramref name="table"/>, <paramref name="value"/>).</summary>
    public static int OfKey(uint table, ulong value, int partitions)
    {
        Span<byte> bytes = stackalloc byte[sizeof(uint) + sizeof(ulong)];
        BinaryPrimitives.WriteUInt32LittleEndian(bytes, table);
        BinaryPrimitives.WriteUInt64LittleEndian(bytes[sizeof(uint)..], value);
        return (int)(XxHash3.HashToUInt64(bytes) % (ulong)partitions);
    }

    /// <summary>The anchor-key range of a batch run's anchor <paramref name="fingerprint"/>: the partition of its anchor rows.</summary>
    public static int OfAnchor(uint fingerprint, int partitions) => OfKey(0, fingerprint, partitions);

    /// <summary>The pair range of a batch run's packed group pair: by its smaller group.</summary>
    public static int OfGroupPair(long pair, int partitions) => (int)((ulong)(pair >> 32) % (ulong)partitions);

    /// <summary>The grain key of range <paramref name="range"/> of a batch run's anchor postings, by key.</summary>
    public static string AnchorKey(string index, string run, int range) => $"{index}/AnchorKeys/{run}/{range}";

    /// <summary>The grain key of range <paramref name="range"/> of a batch run's anchor pairs, by smaller group.</summary>
    public static string AnchorPairKey(string index, string run, int range) => $"{index}/AnchorPairs/{run}/{range}";

    /// <summary>
    /// The grain key of shard <paramref name="shard"/> of ingest <paramref name="run"/>, sent for the
    /// <paramref name="attempt"/>th time: a new activation each attempt, so a shard whose silo died is placed again.
    /// </summary>
    public static string ShardKey(string index, string run, int shard, int attempt) => $"{index}/Shards/{run}/{shard}/{attempt}";

    /// <summary>The turn of a <see cref="ShardKey"/> among the silos: shard number plus attempt, so consecutive shards go to consecutive silos.</summary>
    public static int TurnOfShardKey(string key)
    {
        int last = key.LastIndexOf('/');
        int shard = key.LastIndexOf('/', last - 1);
        return int.Parse(key.AsSpan(shard + 1, last - shard - 1), System.Globalization.CultureInfo.InvariantCulture)
            + int.Parse(key.AsSpan(last + 1), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The partition of document <paramref name="id"/>.</summary>
    public static int OfDocument(string id, int partitions) =>
        (int)(XxHash3.HashToUInt64(Encoding.UTF8.GetBytes(id)) % (ulong)partitions);

    /// <summary>
    /// The range of fingerprint <paramref name="fingerprint"/> in a boilerplate count: its value scaled to
    /// [0, <paramref name="partitions"/>). Fingerprints are hashes already, so equal ranges get about equal shares.
    /// </summary>
    public static int OfFingerprint(uint fingerprint, int partitions) => (int)((ulong)fingerprint * (uint)partitions >> 32);

    /// <summary>The grain key of range <paramref name="range"/> of batch run <paramref name="run"/>'s boilerplate count in index <paramref name="index"/>.</summary>
    public static string CountKey(string index, string run, int range) => $"{index}/Count/{run}/{range}";

    /// <summary>The grain key of partition <paramref name="partition"/> of <paramref name="kind"/> in index <paramref name="index"/>.</summary>
    public static string GrainKey(string index, PartitionKind kind, int partition) => $"{index}/{kind}/{partition}";

    /// <summary>The partition number of grain key <paramref name="key"/> (of <see cref="GrainKey"/>): its last part.</summary>
    /// <exception cref="FormatException">The key does not end in a partition number.</exception>
    public static int PartitionOfKey(string key) =>
        int.TryParse(key.AsSpan(key.LastIndexOf('/') + 1), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out int partition)
            ? partition
            : throw new FormatException($"Grain key '{key}' does not end in a partition number.");

    /// <summary>The index named in grain key <paramref name="key"/> (of <see cref="GrainKey"/>): all before its last two parts.</summary>
    public static string IndexOfKey(string key)
    {
        int last = key.LastIndexOf('/');
        int kind = last > 0 ? key.LastIndexOf('/', last - 1) : -1;
        return kind >= 0 ? key[..kind] : key;
    }
}
