using System.Globalization;

namespace NearDup.Clustering;

/// <summary>
/// How every input reads a document's date, a file's field (<c>neardup</c>'s readers) or a JSON body's (the HTTP API),
/// so that one text gives one instant wherever it comes in and whatever the machine's time zone: the date rules count
/// days between two documents, and a date read as local time on one machine and as UTC on another moves them.
/// </summary>
internal static class DocumentDate
{
    /// <summary>An ISO 8601 date or time (<c>1987-03-26</c>, <c>1987-03-26T09:15:00+09:00</c>); one without an offset is UTC. Null when it is not one.</summary>
    public static DateTimeOffset? Parse(string value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
