using BenchmarkDotNet.Attributes;
using NearDup.Clustering;

namespace NearDup.Benchmarks;

/// <summary>
/// Boilerplate pass 2's filter over one document's fingerprints (<see cref="BoilerplateFilter.KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/>):
/// the eight-at-a-time kernel (AVX2 gather, then AVX-512VL's compress or AVX2's left-pack) against its scalar twin, on 1,180 fingerprints
/// (a generated news article at sample rate 1) and a filter folded from pass 1's passing slots at a million documents'
/// shape: 2^27 slots of which one in a thousand passed, folded to the largest array (512 KiB), so that a few values in
/// a hundred are kept.
/// Run: <c>dotnet run -c Release --project bench/NearDup.Benchmarks -- --filter '*KeepPassingBench*' --job short</c>.
/// </summary>
[MemoryDiagnoser]
public class KeepPassingBench
{
    private const int SlotBits = 27;

    private uint[] _fingerprints = [];
    private uint[] _kept = [];
    private PassingFilter _filter;

    /// <summary>Fingerprints per document.</summary>
    [Params(1180)]
    public int Fingerprints { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        var passing = new ulong[(1 << SlotBits) / 64];
        int passingSlots = (1 << SlotBits) / 1000;
        for (int k = 0; k < passingSlots; k++)
        {
            uint slot = (uint)random.Next(1 << SlotBits);
            passing[slot >> 6] |= 1UL << (int)slot;
        }
        _filter = PassingFilter.Fold(passing, passingSlots, SlotBits);
        _fingerprints = [.. Enumerable.Range(0, Fingerprints).Select(_ => (uint)random.NextInt64(0, 1L << 32)).Order()];
        _kept = new uint[Fingerprints];
    }

    [Benchmark(Baseline = true)]
    public int Scalar() => BoilerplateFilter.KeepPassingScalar(_fingerprints, _filter, _kept);

    [Benchmark]
    public int Vector() => BoilerplateFilter.KeepPassing(_fingerprints, _filter, _kept);
}
