using NearDup.Clustering;
using NearDup.Indexing;

namespace NearDup.Cli.Pipeline;

/// <summary>A corpus or a saved index, clustered: what <see cref="CorpusPipeline"/> hands back to the command that ran it.</summary>
/// <param name="Result">Clusters, pairs if asked for, and statistics.</param>
/// <param name="Read">The reading of the corpus; null when the documents came from a saved index.</param>
/// <param name="ClusterSeconds">Seconds of the <see cref="DuplicateDetector.Cluster(bool, IProgress{ClusteringProgress}?, CancellationToken)"/> call.</param>
/// <param name="Seconds">Seconds of the whole run: reading (or loading the index) and clustering.</param>
/// <param name="Lsh">The LSH bands and rows the options gave.</param>
internal sealed record CorpusRun(ClusteringResult Result, CorpusRead? Read, double ClusterSeconds, double Seconds, LshParameters Lsh);
