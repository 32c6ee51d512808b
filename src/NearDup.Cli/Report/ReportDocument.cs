namespace NearDup.Cli.Report;

/// <summary>A document of a non-singleton cluster as embedded in the report.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Text">Embedded (possibly trimmed) text, or null when omitted.</param>
/// <param name="Flags">Whether the text was cut or omitted.</param>
/// <param name="MoreChars">UTF-16 chars of the text left out after <paramref name="Text"/> (0 when whole; the whole length when omitted).</param>
internal sealed record ReportDocument(string Id, string? Text, ReportTextFlags Flags, int MoreChars);
