using NearDup.Internal;

namespace NearDup.Indexing;

/// <summary>
/// Bands and rows of a MinHash LSH index. Two documents of Jaccard similarity s share at least one band
/// with probability 1 − (1 − s^r)^b; <see cref="Optimal"/> picks b and r for a threshold by minimizing the
/// weighted false-positive and false-negative areas under that curve (the method of datasketch's
/// <c>MinHashLSH</c>), using every one of the k hash functions it can: when b·r &lt; k, the last k − b·r
/// functions are not banded (they still count in Jaccard estimates), and <see cref="UnusedHashFunctions"/> says how many.
/// </summary>
/// <param name="Bands">b, the number of bands.</param>
/// <param name="Rows">r, hash functions per band.</param>
/// <param name="HashFunctions">k, the signature length the parameters were derived for.</param>
public readonly record struct LshParameters(int Bands, int Rows, int HashFunctions)
{
    /// <summary>Hash functions left out of the bands: k − b·r.</summary>
    public int UnusedHashFunctions => HashFunctions - Bands * Rows;

    /// <summary>The similarity at which a pair becomes a candidate with probability about 1/2: (1/b)^(1/r).</summary>
    public double Threshold => Math.Pow(1.0 / Bands, 1.0 / Rows);

    /// <summary>Probability that a pair of Jaccard similarity <paramref name="similarity"/> shares a band.</summary>
    public double CandidateProbability(double similarity) => 1 - Math.Pow(1 - Math.Pow(similarity, Rows), Bands);

    /// <summary>
    /// Chooses bands and rows for <paramref name="hashFunctions"/> signature values and a Jaccard threshold,
    /// minimizing <c>falsePositiveWeight·FP + falseNegativeWeight·FN</c>, where FP is the area under the
    /// candidate curve below the threshold and FN the area above it. Ties go to the choice that bands more
    /// hash functions.
    /// </summary>
    public static LshParameters Optimal(double threshold, int hashFunctions, double falsePositiveWeight = 0.5, double falseNegativeWeight = 0.5)
    {
        if (!(threshold > 0 && threshold < 1))
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(threshold), threshold, "The LSH threshold must lie strictly between 0 and 1.");
        }
        if (hashFunctions < 1)
        {
            ThrowHelper.ThrowArgumentOutOfRange(nameof(hashFunctions), hashFunctions, "The number of hash functions must be positive.");
        }
        if (!(falsePositiveWeight >= 0) || !(falseNegativeWeight >= 0) || falsePositiveWeight + falseNegativeWeight <= 0)
        {
            ThrowHelper.ThrowArgument(nameof(falsePositiveWeight), "The false-positive and false-negative weights must be non-negative and not both zero.");
        }
        var best = new LshParameters(1, hashFunctions, hashFunctions);
        double bestError = double.MaxValue;
        for (int b = 1; b <= hashFunctions; b++)
        {
            for (int r = hashFunctions / b; r >= 1; r--)
            {
                var candidate = new LshParameters(b, r, hashFunctions);
                double fp = Integrate(s => candidate.CandidateProbability(s), 0, threshold);
                double fn = Integrate(s => 1 - candidate.CandidateProbability(s), threshold, 1);
                double error = falsePositiveWeight * fp + falseNegativeWeight * fn;
                if (error < bestError - 1e-12 || (Math.Abs(error - bestError) <= 1e-12 && b * r > best.Bands * best.Rows))
                {
                    bestError = error;
                    best = candidate;
                }
            }
        }
        return best;
    }

    private static double Integrate(Func<double, double> f, double a, double b)
    {
        const int Steps = 200; // Simpson's rule; the curves are smooth, so this is exact to ~1e-9
        double h = (b - a) / Steps, sum = f(a) + f(b);
        for (int i = 1; i < Steps; i++)
        {
            sum += f(a + i * h) * (i % 2 == 1 ? 4 : 2);
        }
        return sum * h / 3;
    }
}
