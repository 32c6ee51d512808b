namespace NearDup.Persistence;

/// <summary>
/// Reads one document's fingerprints (and positions, and facts) after another from a fingerprint section, raw or packed
/// (<see cref="FingerprintPacking"/>), into buffers it reuses: the spans it returns are valid until the next call.
/// </summary>
internal sealed class FingerprintRun(PayloadReader reader, bool hasPositions, bool packed, bool hasFacts = false)
{
    private readonly uint[] _facts = new uint[Text.FactHashes.MaxCount];
    private uint[] _fingerprints = new uint[1024];
    private ushort[] _positions = new ushort[hasPositions ? 1024 : 0];
    private uint[] _values = [];
    private byte[] _scratch = [];

    public ReadOnlySpan<uint> Next(int count, string document, out ReadOnlySpan<ushort> positions)
    {
        if (_fingerprints.Length < count)
        {
            _fingerprints = new uint[Math.Max(count, _fingerprints.Length * 2L)];
        }
        var fingerprints = _fingerprints.AsSpan(0, count);
        if (packed)
        {
            // Strictly increasing by construction: each gap adds at least one.
            FingerprintPacking.ReadFingerprints(reader, fingerprints, ref _scratch, document);
        }
        else
        {
            reader.Read(fingerprints);
            CheckSorted(fingerprints, document);
        }
        positions = hasPositions ? NextPositions(count, document) : [];
        return fingerprints;
    }

    /// <summary>The facts that follow a document's positions (format 5 on); empty before.</summary>
    public ReadOnlySpan<uint> NextFacts(string document)
    {
        if (!hasFacts)
        {
            return [];
        }
        int count = reader.ReadByte();
        if (count > _facts.Length)
        {
            reader.Throw($"gives document '{document}' {count} facts; at most {_facts.Length} are kept");
        }
        var facts = _facts.AsSpan(0, count);
        if (count == 0)
        {
            return facts;
        }
        if (packed)
        {
            FingerprintPacking.ReadFingerprints(reader, facts, ref _scratch, document);
        }
        else
        {
            reader.Read(facts);
            CheckSorted(facts, document);
        }
        return facts;
    }

    private Span<ushort> NextPositions(int count, string document)
    {
        if (_positions.Length < count)
        {
            _positions = new ushort[Math.Max(count, _positions.Length * 2)];
        }
        var positions = _positions.AsSpan(0, count);
        if (packed)
        {
            FingerprintPacking.ReadPositions(reader, positions, ref _values, ref _scratch, document);
        }
        else
        {
            reader.Read(positions);
        }
        return positions;
    }

    private void CheckSorted(ReadOnlySpan<uint> fingerprints, string document)
    {
        for (int k = 1; k < fingerprints.Length; k++)
        {
            if (fingerprints[k] <= fingerprints[k - 1])
            {
                reader.Throw($"holds unsorted fingerprints for document '{document}'");
            }
        }
    }
}
