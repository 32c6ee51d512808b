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
}
