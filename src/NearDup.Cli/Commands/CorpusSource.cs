using NearDup.Corpus;

namespace NearDup.Cli.Commands;

/// <summary>What <c>gen</c> writes from, generated text or copies of real stories: both write a folder or streams.</summary>
internal sealed class CorpusSource(Func<string, CorpusSummary> toFolder, Func<Stream, Stream?, CorpusSummary> toStreams)
{
    public static CorpusSource Of(CorpusGenerator generator) => new(generator.Write, generator.Write);

    public static CorpusSource Of(StoryCopyGenerator generator) => new(generator.Write, generator.Write);

    /// <summary>Writes docs.jsonl and labels.jsonl into the folder.</summary>
    public CorpusSummary ToFolder(string directory) => toFolder(directory);

    /// <summary>Writes the documents, and the labels when a stream is given.</summary>
    public CorpusSummary ToStreams(Stream docs, Stream? labels) => toStreams(docs, labels);
}
