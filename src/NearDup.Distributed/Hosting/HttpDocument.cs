namespace NearDup.Distributed.Hosting;

/// <summary>A document posted to <c>/documents</c>.</summary>
/// <param name="Id">The id.</param>
/// <param name="Text">The text.</param>
/// <param name="Date">The publication date, if known.</param>
public sealed record HttpDocument(string? Id, string? Text, DateTimeOffset? Date);
