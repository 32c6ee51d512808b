using System.Text.Json;
using NearDup.Cli.Output;
using NearDup.Clustering;

namespace NearDup.Cli.Commands;

/// <summary>A batch of <c>neardup query</c>: documents in input order and, once queried, the matches of each.</summary>
internal sealed class QueryBatch(int capacity)
{
    private readonly IReadOnlyList<QueryMatch>[] _results = new IReadOnlyList<QueryMatch>[capacity];

    public List<DocumentInput> Documents { get; } = new(capacity);

    /// <summary>Queries every document of the batch on up to <paramref name="parallel"/>'s threads.</summary>
    public void Query(DuplicateDetector detector, ParallelOptions parallel) =>
        Parallel.For(0, Documents.Count, parallel, i =>
        {
            var document = Documents[i];
            _results[i] = document.Text is not null ? detector.Query(document.Text) : detector.Query(document.Utf8Text.Span);
        });

    /// <summary>Writes the batch's lines in order and empties it; returns how many of its documents have matches.</summary>
    public int Write(Utf8JsonWriter json, Stream stream)
    {
        int matched = 0;
        for (int i = 0; i < Documents.Count; i++)
        {
            QueryLineWriter.Write(json, stream, Documents[i].Id, _results[i], withCluster: true);
            matched += _results[i].Count > 0 ? 1 : 0;
            _results[i] = null!;
        }
        Documents.Clear();
        return matched;
    }
}
