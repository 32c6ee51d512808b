using NearDup.Cli.Input;
using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>
/// The ids an index holds before <c>index add</c> reads into it: a document with one of them is bad input like any other
/// (stops the run, or with --skip-invalid is counted and skipped, its first reasons kept for the summary).
/// </summary>
internal sealed class IndexKnownIds(DuplicateDetector detector, string inputPath, string indexDirectory, bool skipInvalid)
{
    private readonly List<string> _reasons = [];

    /// <summary>Documents left out because the index held their ids.</summary>
    public int Skipped { get; private set; }

    /// <summary>The first few reasons for <see cref="Skipped"/>.</summary>
    public IReadOnlyList<string> Reasons => _reasons;

    /// <summary>
    /// True for an id the index does not hold. Called in input order, after the reader has checked the id against the
    /// input's earlier ones, so an id the index holds was there before this run. A message names the record's
    /// <paramref name="location"/> (file and line), or the input where the reader does not give one.
    /// </summary>
    public bool IsFresh(string id, string? location)
    {
        if (!detector.Contains(id))
        {
            return true;
        }
        string reason = $"{location ?? inputPath}: document '{id}' is already in the index {indexDirectory} (ids must be unique; remove it first with neardup index remove)";
        if (!skipInvalid)
        {
            throw new InputException(reason + ". Fix the input, or pass --skip-invalid to skip bad documents.");
        }
        Skipped++;
        if (_reasons.Count < 5)
        {
            _reasons.Add(reason);
        }
        return false;
    }
}
