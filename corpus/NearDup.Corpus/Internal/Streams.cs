namespace NearDup.Corpus.Internal;

/// <summary>Stream numbers for <see cref="Rng.For"/>: each concern draws from its own stream.</summary>
internal static class Streams
{
    public const ulong Plan = 1;
    public const ulong Story = 2;
    public const ulong Topic = 3;
    public const ulong Site = 4;
    public const ulong HardNegativeGroup = 5;
    public const ulong Shuffle = 6;
    public const ulong Fixture = 7;
    public const ulong BaseOrder = 8;
    public const ulong HardNegative = 9;
    public const ulong Byline = 10;
}
