namespace NearDup.Clustering;

/// <summary>How scores are written in results: rounded, so that output is stable and readable.</summary>
internal static class ScoreRounding
{
    /// <summary>Four decimals tell apart any two scores a reader compares, and hide floating-point noise.</summary>
    public const int Decimals = 4;

    public static double Round(double x) => Math.Round(x, Decimals, MidpointRounding.ToEven);
}
