using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;

namespace NearDup.Corpus.Internal;

/// <summary>Throw sites kept out of line so callers stay small.</summary>
[StackTraceHidden]
internal static class ThrowHelper
{
    [DoesNotReturn]
    public static void ThrowArgument(string name, string problem) =>
        throw new ArgumentException($"CorpusOptions.{name} {problem}.", name);
}
