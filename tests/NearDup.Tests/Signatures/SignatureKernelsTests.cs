using NearDup.Signatures;

namespace NearDup.Tests.Signatures;

public sealed class SignatureKernelsTests
{
    [Fact]
    public void Available_AlwaysHasScalar_AndOnlyAcceleratedTiers()
    {
        Assert.Equal("Scalar", SignatureKernels.Available[0].Key);
        Assert.All(SignatureKernels.Available, pair => Assert.True(SignatureKernels.IsAccelerated(pair.Value)));
        Assert.Equal(SignatureKernels.Available[^1].Value, SignatureKernels.Best);
    }

    [Fact]
    public void Parse_UnknownName_ThrowsArgumentException() =>
        Assert.Throws<ArgumentException>(() => SignatureKernels.Parse("Avx1024"));

    [Fact]
    public void Parse_KnownNames_CaseInsensitive() =>
        Assert.Equal(SignatureKernel.Vector256, SignatureKernels.Parse("vector256"));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Resolve_UnsetOrEmpty_Best(string? forced) =>
        Assert.Equal(SignatureKernels.Best, SignatureKernels.Resolve(forced));

    [Fact]
    public void Resolve_EveryAvailableName_ThatKernelInAnyCase()
    {
        foreach (var (name, kernel) in SignatureKernels.Available)
        {
            Assert.Equal(kernel, SignatureKernels.Resolve(name));
            Assert.Equal(kernel, SignatureKernels.Resolve(name.ToUpperInvariant()));
            Assert.Equal(kernel, SignatureKernels.Parse(name.ToLowerInvariant()));
        }
    }

    [Fact]
    public void Resolve_UnknownName_ThrowsNamingVariableValueAndAvailable()
    {
        var e = Assert.ThrowsAny<InvalidOperationException>(() => SignatureKernels.Resolve("Avx1024"));
        Assert.Contains("NEARDUP_FORCE_KERNEL='Avx1024'", e.Message, StringComparison.Ordinal);
        Assert.Contains("available: " + string.Join(", ", SignatureKernels.Available.Select(p => p.Key)), e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_KnownButNotAccelerated_Throws_WhileParseAcceptsIt()
    {
        foreach (var (name, kernel) in SignatureKernels.All.Where(p => !SignatureKernels.IsAccelerated(p.Value)))
        {
            Assert.ThrowsAny<InvalidOperationException>(() => SignatureKernels.Resolve(name));
            Assert.Equal(kernel, SignatureKernels.Parse(name));
        }
        // Under DOTNET_EnableHWIntrinsic=0 (CI's second run) only Scalar is available, and every vector tier is checked here.
        Assert.Equal(SignatureKernels.All.Count - SignatureKernels.Available.Count, SignatureKernels.All.Count(p => !SignatureKernels.IsAccelerated(p.Value)));
    }

    [Fact]
    public void Current_IsWhatTheVariableResolvesTo() =>
        Assert.Equal(SignatureKernels.Resolve(Environment.GetEnvironmentVariable(SignatureKernels.ForceVariable)), SignatureKernels.Current);
}
