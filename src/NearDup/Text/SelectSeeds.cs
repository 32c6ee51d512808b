using System.Buffers.Binary;

namespace NearDup.Text;

/// <summary>
/// The seed-dependent constants of the many-word hash's vector kernels (<see cref="ShortXxHash3.HashAsciiWords"/>),
/// derived once per call and broadcast by each kernel: the secret windows XXH3's three short cases XOR into the input,
/// each with the seed folded in as its case folds it.
/// </summary>
internal readonly struct SelectSeeds
{
    public SelectSeeds(ulong seed)
    {
        ulong seed4 = seed ^ (ulong)BinaryPrimitives.ReverseEndianness((uint)seed) << 32;
        Low = ShortXxHash3.Flip9To16Low + seed;
        High = ShortXxHash3.Flip9To16High - seed;
        Medium = ShortXxHash3.Flip4To8 - seed4;
        Short = ShortXxHash3.Flip1To3 + seed;
    }

    /// <summary>XORed into the first 8 bytes of a word of 9-16 bytes.</summary>
    public ulong Low { get; }

    /// <summary>XORed into the last 8 bytes of a word of 9-16 bytes.</summary>
    public ulong High { get; }

    /// <summary>XORed into the packed first and last 4 bytes of a word of 4-8 bytes.</summary>
    public ulong Medium { get; }

    /// <summary>XORed into the packed bytes of a word of 1-3 bytes.</summary>
    public ulong Short { get; }
}
