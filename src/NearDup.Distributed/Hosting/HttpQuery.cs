namespace NearDup.Distributed.Hosting;

/// <summary>A text posted to <c>/query</c>.</summary>
/// <param name="Text">The text to look up.</param>
/// <param name="Date">Its publication date, if known: the rules that read two documents' dates then apply.</param>
public sealed record HttpQuery(string? Text, DateTimeOffset? Date = null);
