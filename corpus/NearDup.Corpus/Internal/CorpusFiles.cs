namespace NearDup.Corpus.Internal;

/// <summary>
/// Writes generated documents as <c>docs.jsonl</c> (<c>id</c>, <c>text</c>, optional <c>date</c> and <c>source</c>) and
/// <c>labels.jsonl</c> (<c>id</c>, <c>cluster</c>, <c>role</c>), for every generator: to streams as they come, or into a
/// folder under temporary names renamed at the end, so readers never see a partial corpus.
/// </summary>
internal static class CorpusFiles
{
    /// <summary>Writes both files into <paramref name="directory"/> (created if needed) with <paramref name="write"/>.</summary>
    public static CorpusSummary WriteFolder(string directory, Func<Stream, Stream, CorpusSummary> write)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        Directory.CreateDirectory(directory);
        string docsPath = Path.Combine(directory, CorpusGenerator.DocsFileName);
        string labelsPath = Path.Combine(directory, CorpusGenerator.LabelsFileName);
        string docsTemp = docsPath + ".tmp";
        string labelsTemp = labelsPath + ".tmp";
        CorpusSummary summary;
        using (var docsStream = new FileStream(docsTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        using (var labelsStream = new FileStream(labelsTemp, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            summary = write(docsStream, labelsStream);
        }

        File.Move(docsTemp, docsPath, overwrite: true);
        File.Move(labelsTemp, labelsPath, overwrite: true);
        return summary;
    }

    /// <summary>Writes the documents, and the labels when <paramref name="labelsOutput"/> is given; flushes, does not close.</summary>
    public static CorpusSummary Write(IEnumerable<GeneratedDocument> documents, Stream docsOutput, Stream? labelsOutput)
    {
        ArgumentNullException.ThrowIfNull(docsOutput);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (string role in DocumentRoles.All)
        {
            counts[role] = 0;
        }

        int written = 0;
        var docsCounter = new CountingStream(docsOutput);
        var labelsCounter = new CountingStream(labelsOutput ?? Stream.Null);
        using (var docs = new JsonlWriter(docsCounter))
        using (var labels = new JsonlWriter(labelsCounter))
        {
            foreach (var doc in documents)
            {
                WriteDocument(docs, doc);
                if (labelsOutput is not null)
                {
                    WriteLabel(labels, doc);
                }

                counts[doc.Role]++;
                written++;
            }

            docs.Flush();
            labels.Flush();
        }

        docsOutput.Flush();
        labelsOutput?.Flush();
        return new CorpusSummary(written, counts[DocumentRoles.Original], docsCounter.Written, labelsCounter.Written, counts);
    }

    private static void WriteDocument(JsonlWriter docs, GeneratedDocument doc)
    {
        docs.BeginObject();
        docs.Property("id", doc.Id);
        docs.Property("text", doc.Text);
        if (doc.Date is not null)
        {
            docs.Property("date", doc.Date);
        }

        if (doc.Source is not null)
        {
            docs.Property("source", doc.Source);
        }

        docs.EndObject();
    }

    private static void WriteLabel(JsonlWriter labels, GeneratedDocument doc)
    {
        labels.BeginObject();
        labels.Property("id", doc.Id);
        labels.Property("cluster", doc.Cluster);
        labels.Property("role", doc.Role);
        labels.EndObject();
    }
}
