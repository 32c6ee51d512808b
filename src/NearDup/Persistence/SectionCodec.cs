namespace NearDup.Persistence;

/// <summary>How a section's payload is stored.</summary>
internal enum SectionCodec : byte
{
    /// <summary>As is.</summary>
    Raw = 0,

    /// <summary>Brotli (System.IO.Compression), the whole payload as one stream.</summary>
    Brotli = 1,

    /// <summary>ZLib (System.IO.Compression), the whole payload as one stream.</summary>
    ZLib = 2,

    /// <summary>
    /// LZ4 blocks (K4os.Compression.LZ4, format 4 on): the payload cut into blocks of <see cref="IndexFormat.Lz4BlockBytes"/>,
    /// each compressed on its own and carrying its own checksum (see <see cref="Lz4BlockWriter"/>).
    /// </summary>
    Lz4 = 3,
}
