namespace NearDup.Cli.Report;

/// <summary>
/// A passage two texts share: the same run of normalized words at
/// <c>[AStart, AEnd)</c> in the first text and <c>[BStart, BEnd)</c> in the second (UTF-16 offsets,
/// the same unit JavaScript strings use). Only the words and what lies between them are covered,
/// so the ranges start at a word's first char and end after a word's last char.
/// </summary>
/// <param name="AStart">First char of the passage in the first (canonical) text.</param>
/// <param name="AEnd">One past the last char in the first text.</param>
/// <param name="BStart">First char of the passage in the second (copy) text.</param>
/// <param name="BEnd">One past the last char in the second text.</param>
/// <param name="Words">Number of words in the passage.</param>
/// <param name="InOrder">
/// True when the passage belongs to the heaviest chain of passages that occur in the same order in both
/// texts; the report lines those up side by side. False for moved passages (reordered paragraphs).
/// </param>
internal readonly record struct SharedPassage(int AStart, int AEnd, int BStart, int BEnd, int Words, bool InOrder);
