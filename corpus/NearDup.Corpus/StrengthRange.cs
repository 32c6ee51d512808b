namespace NearDup.Corpus;

/// <summary>
/// A closed range of rewrite strengths in [0, 1]; each rewritten copy draws its strength uniformly
/// from it. 0 is a light edit keeping about three quarters of the story's word 5-grams, 1 a heavy
/// spin keeping 10–20% of them.
/// </summary>
/// <param name="Min">Lowest strength, in [0, <paramref name="Max"/>].</param>
/// <param name="Max">Highest strength, in [<paramref name="Min"/>, 1].</param>
public readonly record struct StrengthRange(double Min, double Max);
