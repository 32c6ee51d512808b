using System.IO.Compression;
using NearDup.Cli.Input;

namespace NearDup.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the gzip reader with CsCheck: any data, compressed in one or more members at any level,
/// reads back exactly; cut anywhere it is refused as truncated; with a flipped byte it is refused (InvalidDataException)
/// or, where the flip hits a header field the format ignores, reads back exactly. Never another exception, never
/// different data.
/// </summary>
public sealed class GzipReaderFuzzTests
{
    private static readonly Gen<byte[][]> s_members = Gen.Byte.Array[0, 3000].Array[1, 3];

    [Fact]
    public void Read_AnyMembers_RoundTrips() =>
        Gen.Select(s_members, Gen.Int[0, 2]).Sample((members, level) =>
        {
            byte[] file = Compress(members, level);
            if (file.Length == 0)
            {
                return; // only empty members, which write no bytes: the reader refuses an empty file as truncated, rightly
            }
            Assert.Equal(members.SelectMany(m => m).ToArray(), ReadAll(file));
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(200), time: FuzzBudget.Seconds);

    [Fact]
    public void Read_CutAnywhere_RefusedAsTruncated() =>
        Gen.Select(s_members, Gen.Double[0, 1]).Sample((members, where) =>
        {
            byte[] file = Compress(members, 1);
            if (file.Length == 0)
            {
                return; // only empty members, which write no bytes: nothing to cut
            }
            int cut = Math.Min(file.Length - 1, (int)(where * file.Length));
            if (cut > 0 && MemberEnds(members).Contains(cut))
            {
                return; // a cut between members leaves a whole, shorter gzip file
            }
            byte[] partial = file[..cut];
            var e = Assert.Throws<InvalidDataException>(() => ReadAll(partial));
            Assert.True(e.Message.StartsWith("truncated gzip", StringComparison.Ordinal), $"cut at {cut} of {file.Length}: {e.Message}");
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(300), time: FuzzBudget.Seconds);

    [Fact]
    public void Read_FlippedByte_RefusedOrUnchanged() =>
        Gen.Select(s_members, Gen.Double[0, 1], Gen.Byte[1, 255]).Sample((members, where, flip) =>
        {
            byte[] file = Compress(members, 1);
            if (file.Length == 0)
            {
                return; // GZipStream writes a member's header with its first byte: empty members leave no file to damage
            }
            byte[] expected = [.. members.SelectMany(m => m)];
            file[Math.Min(file.Length - 1, (int)(where * file.Length))] ^= flip;
            byte[] read;
            try
            {
                read = ReadAll(file);
            }
            catch (InvalidDataException e)
            {
                Assert.Matches("^(truncated|corrupt) gzip", e.Message);
                return;
            }
            Assert.Equal(expected, read);
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(300), time: FuzzBudget.Seconds);

    /// <summary>Found by <see cref="Read_CutAnywhere_RefusedAsTruncated"/>: a second member cut after its first byte read as trailing garbage.</summary>
    [Fact]
    public void Read_SecondMemberCutAfterOneByte_Truncated()
    {
        byte[] first = Compress([[1, 2, 3]], 1);
        var e = Assert.Throws<InvalidDataException>(() => ReadAll([.. first, 0x1F]));
        Assert.StartsWith("truncated gzip", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<InvalidDataException>(() => ReadAll([.. first, 0x1E]));
        Assert.StartsWith("corrupt gzip (member 1): 1 or more bytes after the last member", e.Message, StringComparison.Ordinal);
    }

    private static byte[] Compress(byte[][] members, int level)
    {
        var file = new MemoryStream();
        foreach (byte[] member in members)
        {
            using var zip = new GZipStream(file, (CompressionLevel)level, leaveOpen: true);
            zip.Write(member);
        }
        return file.ToArray();
    }

    private static HashSet<int> MemberEnds(byte[][] members)
    {
        var ends = new HashSet<int>();
        int end = 0;
        foreach (byte[] member in members)
        {
            end += Compress([member], 1).Length;
            ends.Add(end);
        }
        return ends;
    }

    private static byte[] ReadAll(byte[] file)
    {
        using var reader = new GzipReader(new MemoryStream(file));
        var output = new MemoryStream();
        reader.CopyTo(output);
        return output.ToArray();
    }
}
