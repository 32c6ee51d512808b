namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="MeasureRequest"/>, pair by pair: the shared fingerprints (-1: a
/// document is not as listed), and for stage 2's candidates whether the two texts are a series' items dated apart
/// (<see cref="Clustering.FactRules.SeriesApart"/>), the check <see cref="Clustering.StrongLinkStage.Classify(Clustering.Verifier, Clustering.CandidatePairs, Clustering.Verifier.Score[], Func{int, bool})"/>
/// makes of a strong-scoring pair, so that the coordinator reads no facts.
/// </summary>
/// <param name="Shared">Each pair's shared fingerprints, or -1.</param>
/// <param name="SeriesApart">Bit k (of byte k / 8, from the lowest) set when pair k's texts are a series' items dated apart; empty with a boilerplate set.</param>
[GenerateSerializer, Immutable, Alias("NearDup.MeasureAnswer")]
public sealed record MeasureAnswer([property: Id(0)] int[] Shared, [property: Id(1)] byte[] SeriesApart)
{
    /// <summary>Whether pair <paramref name="k"/>'s texts are a series' items dated apart.</summary>
    public bool IsSeriesApart(int k) => (SeriesApart[k >> 3] & (1 << (k & 7))) != 0;
}
