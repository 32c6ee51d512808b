namespace NearDup.Cli.Report;

/// <summary>A word of a text: chars <c>[Start, End)</c> and a 64-bit hash of its case-folded form.</summary>
/// <param name="Start">First char (UTF-16 offset).</param>
/// <param name="End">One past the last char.</param>
/// <param name="Hash">FNV-1a of the word's lower-cased (invariant) UTF-16 chars.</param>
internal readonly record struct ReportWord(int Start, int End, ulong Hash);
