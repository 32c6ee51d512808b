using NearDup.Cli.Report;

namespace NearDup.Cli.Output;

/// <summary>
/// What a verified pair shares, read from the two texts: the shared passages as character ranges (first text,
/// then second) and, for a reuse link, its kind: <c>quote</c> (the shared words lie inside quotation marks),
/// <c>template</c> (the same wording covering most of the shorter text, around different names or figures) or
/// <c>passage</c> (a reused block). Null kind for a copy link.
/// </summary>
internal sealed record PairDescription(string? Kind, IReadOnlyList<SharedPassage> Passages);
