namespace NearDup.Text;

/// <summary>A character's place in the source: offset and length in UTF-16 code units.</summary>
/// <param name="Start">Offset of the first code unit.</param>
/// <param name="Length">Number of code units.</param>
public readonly record struct TokenRange(int Start, int Length);
