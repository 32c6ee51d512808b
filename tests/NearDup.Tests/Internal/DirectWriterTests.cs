using Microsoft.Win32.SafeHandles;
using NearDup.Internal;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Internal;

/// <summary>
/// <see cref="DirectWriter"/>: bytes written past the page cache, at aligned offsets, read back as written through a
/// descriptor of the same file, padded with zeros to the alignment, at every length around it.
/// </summary>
public sealed class DirectWriterTests : IDisposable
{
    private readonly TempFolder _folder = new();
    private readonly SafeFileHandle _file;

    public DirectWriterTests() => _file = File.OpenHandle(Path.Combine(_folder.Path, "spill.tmp"), FileMode.CreateNew, FileAccess.ReadWrite);

    public void Dispose()
    {
        _file.Dispose();
        _folder.Dispose();
    }

    [Fact]
    public void TryWrite_ManyLengths_ReadBackWithZeroPadding()
    {
        var file = _file;
        using var writer = DirectWriter.TryOpen(file);
        Assert.SkipWhen(writer is null, "the temporary folder's file system takes no direct writes");
        int[] lengths = [1, DirectIo.Alignment - 1, DirectIo.Alignment, DirectIo.Alignment + 1, 3 << 20, 0, 12345];
        long offset = 0;
        var written = new List<(long Offset, byte[] Bytes)>();
        foreach (int length in lengths)
        {
            byte[] bytes = Bytes(length, seed: length);
            Assert.True(writer.TryWrite(bytes, offset));
            written.Add((offset, bytes));
            offset += DirectWriter.Padded(length);
        }
        Assert.Equal(offset, RandomAccess.GetLength(file));
        foreach (var (at, bytes) in written)
        {
            var back = new byte[DirectWriter.Padded(bytes.Length)];
            Assert.Equal(back.Length, RandomAccess.Read(file, back, at));
            Assert.Equal(bytes, back[..bytes.Length]);
            Assert.All(back[bytes.Length..], b => Assert.Equal(0, b));
        }
    }

    [Fact]
    public void TryWrite_UnalignedOffset_Throws()
    {
        using var writer = DirectWriter.TryOpen(_file);
        Assert.SkipWhen(writer is null, "the temporary folder's file system takes no direct writes");
        Assert.Throws<ArgumentOutOfRangeException>(() => writer.TryWrite([1, 2, 3], 100));
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, DirectIo.Alignment)]
    [InlineData(DirectIo.Alignment, DirectIo.Alignment)]
    [InlineData(DirectIo.Alignment + 1, 2 * DirectIo.Alignment)]
    public void Padded_RoundsUpToTheAlignment(long length, long padded) => Assert.Equal(padded, DirectWriter.Padded(length));

    private static byte[] Bytes(int length, int seed)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }
}
