namespace NearDup.Internal;

/// <summary>What a path names once symbolic links are followed: it decides whether a write may replace it.</summary>
internal enum FileKind
{
    /// <summary>Nothing there yet (or a symbolic link to nothing): a new regular file is made.</summary>
    Missing,

    /// <summary>A regular file: replaced atomically by a rename.</summary>
    Regular,

    /// <summary>A folder: never written.</summary>
    Directory,

    /// <summary>A character or block device, a FIFO or a socket: written straight through, never replaced.</summary>
    Special,
}
