using NearDup.Evaluation;

namespace NearDup.Tests.Evaluation;

/// <summary>
/// The pair counts and adjusted Rand index that <c>neardup eval</c> reports, from the contingency table: against
/// every pair counted one by one, and against values scikit-learn's documentation gives for its
/// <c>adjusted_rand_score</c>.
/// </summary>
public sealed class PairCountsTests
{
    [Theory]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 0, 0, 1, 2 }, 4.0 / 7)]
    [InlineData(new[] { 0, 0, 1, 2 }, new[] { 0, 0, 1, 1 }, 4.0 / 7)]
    [InlineData(new[] { 0, 0, 1, 1 }, new[] { 1, 1, 0, 0 }, 1.0)]
    [InlineData(new[] { 0, 0, 0, 0 }, new[] { 0, 1, 2, 3 }, 0.0)]
    public void Of_KnownLabelings_GiveTheirAdjustedRandIndex(int[] truth, int[] prediction, double expected)
    {
        var counts = Count(truth, prediction);

        Assert.Equal(expected, counts.AdjustedRandIndex, 12);
    }

    [Fact]
    public void Of_RandomLabelings_CountEveryPairAsAPairByPairCount()
    {
        Gen.Select(Gen.Int[0, 40], Gen.Int[1, 6], Gen.Int[1, 6]).SelectMany((n, t, p) => Gen.Select(Gen.Int[0, t - 1].Array[n], Gen.Int[0, p - 1].Array[n]))
            .Sample((truth, prediction) =>
            {
                var counts = Count(truth, prediction);
                long together = 0, trueTogether = 0, predictedTogether = 0;
                for (int i = 0; i < truth.Length; i++)
                {
                    for (int j = i + 1; j < truth.Length; j++)
                    {
                        bool t = truth[i] == truth[j], p = prediction[i] == prediction[j];
                        together += t && p ? 1 : 0;
                        trueTogether += t ? 1 : 0;
                        predictedTogether += p ? 1 : 0;
                    }
                }
                Assert.Equal((together, trueTogether, predictedTogether), (counts.TruePositive, counts.True, counts.Predicted));
                Assert.InRange(counts.AdjustedRandIndex, -1.0, 1.0);
            });
    }

    private static PairCounts Count(int[] truth, int[] prediction)
    {
        var ids = Enumerable.Range(0, truth.Length).Select(i => $"d{i}").ToArray();
        return PairCounts.Of(ids, id => $"t{truth[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)]}",
            id => $"p{prediction[int.Parse(id[1..], System.Globalization.CultureInfo.InvariantCulture)]}");
    }
}
