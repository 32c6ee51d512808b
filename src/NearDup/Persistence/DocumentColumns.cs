namespace NearDup.Persistence;

/// <summary>The documents section of an index file, column by column, in the file's (ordinal id) order.</summary>
internal sealed record DocumentColumns(string[] Ids, long[] Dates, ulong[] ContentHashes, ulong[] SimHashes, int[] ShingleCounts)
{
    public static DocumentColumns Empty { get; } = new([], [], [], [], []);
}
