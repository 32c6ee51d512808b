using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>One line of <c>neardup query</c>'s output before it is written: a queried document's id and its matches.</summary>
internal readonly record struct QueryLine(string Id, IReadOnlyList<QueryMatch> Matches);
