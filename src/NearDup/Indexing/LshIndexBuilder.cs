using NearDup.Internal;

namespace NearDup.Indexing;

/// <summary>
/// Collects MinHash signatures for a <see cref="LshIndex"/>: add (and remove) documents, then
/// <see cref="Build"/> a frozen, lock-free index. Documents are numbered by the caller (0 to n−1 is best).
/// </summary>
public sealed class LshIndexBuilder
{
    private readonly LshParameters _parameters;
    private readonly List<ulong[]> _bandKeys = [];
    private readonly List<int> _documents = [];
    private readonly HashSet<int> _present = [];

    /// <summary>Creates a builder for signatures of <see cref="LshParameters.HashFunctions"/> values.</summary>
    public LshIndexBuilder(LshParameters parameters)
    {
        if (parameters.Bands < 1 || parameters.Rows < 1 || parameters.Bands * parameters.Rows > parameters.HashFunctions)
        {
            ThrowHelper.ThrowArgument(nameof(parameters), $"LSH parameters b={parameters.Bands}, r={parameters.Rows} do not fit signatures of {parameters.HashFunctions} values.");
        }
        _parameters = parameters;
    }

    /// <summary>Number of documents added and not removed.</summary>
    public int Count => _present.Count;

    /// <summary>Adds document <paramref name="document"/> with its MinHash <paramref name="signature"/>.</summary>
    /// <exception cref="ArgumentException">The signature has the wrong length, or the document is already present.</exception>
    public void Add(int document, ReadOnlySpan<ulong> signature)
    {
        if (signature.Length != _parameters.HashFunctions)
        {
            ThrowHelper.ThrowArgument(nameof(signature), $"Signature has {signature.Length} values; the index expects {_parameters.HashFunctions}.");
        }
        if (!_present.Add(document))
        {
            ThrowHelper.ThrowArgument(nameof(document), $"Document {document} is already in the index.");
        }
        var keys = new ulong[_parameters.Bands];
        LshIndex.ComputeBandKeys(signature, _parameters, keys);
        _bandKeys.Add(keys);
        _documents.Add(document);
    }

    /// <summary>Removes a document added before; returns whether it was present.</summary>
    public bool Remove(int document) => _present.Remove(document);

    /// <summary>Freezes the documents into an index, one band table per band built in parallel.</summary>
    public LshIndex Build(int maxDegreeOfParallelism = -1)
    {
        int n = 0;
        for (int i = 0; i < _documents.Count; i++)
        {
            if (_present.Contains(_documents[i]))
            {
                n++;
            }
        }
        var tables = new PostingTable<ulong>[_parameters.Bands];
        Parallel.For(0, _parameters.Bands, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, band =>
        {
            var keys = new ulong[n];
            var docs = new int[n];
            int j = 0;
            for (int i = 0; i < _documents.Count; i++)
            {
                if (_present.Contains(_documents[i]))
                {
                    keys[j] = _bandKeys[i][band];
                    docs[j++] = _documents[i];
                }
            }
            tables[band] = PostingTable<ulong>.Build(keys, docs);
        });
        return new LshIndex(_parameters, tables, n);
    }
}
