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
}
