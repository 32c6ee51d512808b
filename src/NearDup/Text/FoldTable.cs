using System.Runtime.CompilerServices;

namespace NearDup.Text;

/// <summary>
/// Compatibility decomposition (Unicode NFKD) of single BMP code points, as a static table so that
/// folding does not depend on ICU being present or on its version (.NET's <c>string.Normalize</c> is a
/// no-op for non-ASCII text under <c>InvariantGlobalization</c>). Hangul syllables are left composed:
/// their decomposition is algorithmic and splitting them would only change token boundaries.
/// </summary>
/// <remarks>
/// <c>FoldTable.Data.cs</c> is generated from ICU by <c>FoldTableTests.Table_MatchesIcuNfkd</c>
/// (set <c>NEARDUP_UPDATE_FOLD_TABLE=1</c> to rewrite it); that test also fails when the two drift apart.
/// Encoding of <see cref="Entries"/>: for each entry, the code point, the length n of its decomposition,
/// then the n decomposed chars.
/// </remarks>
internal static partial class FoldTable
{
    // Index into s_values for each BMP char: 0 = maps to itself, else (offset << 5 | length).
    private static readonly uint[] s_index = BuildIndex();
    private static readonly string s_values = BuildValues();

    /// <summary>Returns the NFKD decomposition of <paramref name="c"/>, or an empty span when it maps to itself.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static ReadOnlySpan<char> Decompose(char c)
    {
        uint entry = s_index[c];
        return entry == 0 ? default : s_values.AsSpan((int)(entry >> 5), (int)(entry & 31));
    }

    private static uint[] BuildIndex()
    {
        var index = new uint[65536];
        var entries = Entries;
        int i = 0, valueOffset = 0;
        while (i < entries.Length)
        {
            char key = entries[i];
            int length = entries[i + 1];
            index[key] = (uint)(valueOffset << 5 | length);
            valueOffset += length;
            i += 2 + length;
        }
        return index;
    }

    private static string BuildValues()
    {
        var entries = Entries;
        var builder = new System.Text.StringBuilder(entries.Length);
        int i = 0;
        while (i < entries.Length)
        {
            int length = entries[i + 1];
            builder.Append(entries, i + 2, length);
            i += 2 + length;
        }
        return builder.ToString();
    }
}
