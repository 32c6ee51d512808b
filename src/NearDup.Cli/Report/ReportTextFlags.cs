namespace NearDup.Cli.Report;

/// <summary>Why a document's text is shortened or missing in the report.</summary>
[Flags]
internal enum ReportTextFlags
{
    /// <summary>The whole text is embedded.</summary>
    None = 0,

    /// <summary>Cut at a word boundary, to <see cref="ReportOptions.MaxTextChars"/> or shorter to fit <see cref="ReportOptions.MaxTotalTextChars"/>.</summary>
    Truncated = 1,

    /// <summary>Not embedded: its cluster did not fit in <see cref="ReportOptions.MaxTotalTextChars"/>.</summary>
    Omitted = 2,
}
