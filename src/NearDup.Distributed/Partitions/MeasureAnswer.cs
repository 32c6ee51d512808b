namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="MeasureRequest"/>, pair by pair: the shared fingerprints (-1: a
/// document is not as listed), and for stage 2's candidates whether the two texts are dated apart with facts that
/// differ (<see cref="Clustering.FactRules.FactsDifferApart"/>), the check <see cref="Clustering.StrongLinkStage.Classify(Clustering.Verifier, Clustering.CandidatePairs, Clustering.Verifier.Score[], Func{int, bool})"/>
/// makes of a strong-scoring pair, so that the coordinator reads no facts.
/// </summary>
/// <param name="Shared">Each pair's shared fingerprints, or -1.</param>
/// <param name="FactsDifferApart">Bit k (of byte k / 8, from the lowest) set when pair k's facts differ apart; empty with a boilerplate set.</param>
[GenerateSerializer, Immutable, Alias("NearDup.MeasureAnswer")]
public sealed record MeasureAnswer([property: Id(0)] int[] Shared, [property: Id(1)] byte[] FactsDifferApart)
{
    /// <summary>Whether pair <paramref name="k"/>'s facts differ apart.</summary>
    public bool DifferApart(int k) => (FactsDifferApart[k >> 3] & (1 << (k & 7))) != 0;
}
