namespace NearDup.Distributed.Hosting;

/// <summary>A text posted to <c>/query</c>.</summary>
/// <param name="Text">The text to look up.</param>
public sealed record HttpQuery(string? Text);
