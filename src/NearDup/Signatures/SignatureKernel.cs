using System.Runtime.Intrinsics;

namespace NearDup.Signatures;

/// <summary>The instruction-set tier a signature kernel runs on.</summary>
internal enum SignatureKernel
{
    /// <summary>Plain 64-bit integer code: the fallback, the test oracle and the benchmark baseline.</summary>
    Scalar,

    /// <summary>Portable <see cref="Vector128{T}"/> (SSE / AdvSimd).</summary>
    Vector128,

    /// <summary>Portable <see cref="Vector256{T}"/> (AVX2; 64-bit multiply and unsigned min are native only with AVX-512VL).</summary>
    Vector256,

    /// <summary>Portable <see cref="Vector512{T}"/> (AVX-512F/DQ).</summary>
    Vector512,
}
