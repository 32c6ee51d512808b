using NearDup.Corpus;

namespace NearDup.Cli.Commands;

/// <summary>What <c>gen</c> writes from, generated text or copies of real stories: both write the documents and labels to streams.</summary>
internal sealed class CorpusSource(Func<Stream, Stream?, CorpusSummary> toStreams)
{
    public static CorpusSource Of(CorpusGenerator generator) => new(generator.Write);

    public static CorpusSource Of(StoryCopyGenerator generator) => new(generator.Write);

    /// <summary>Writes the documents, and the labels when a stream is given.</summary>
    public CorpusSummary ToStreams(Stream docs, Stream? labels) => toStreams(docs, labels);
}
