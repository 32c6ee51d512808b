using System.Text;

namespace NearDup.Distributed.Partitions;

/// <summary>
/// Ids of one run of a <see cref="RunPage"/>, each written as the number of leading UTF-8 bytes it shares with the id
/// written before it in the run, the number of the other bytes and those bytes (ids in ordinal order share their first
/// bytes). One instance writes or reads a page, run after run.
/// </summary>
internal sealed class FrontCodedIds
{
    private byte[] _previous = new byte[64], _current = new byte[64];
    private int _previousLength;

    /// <summary>The next id is the run's first: it shares nothing.</summary>
    public void StartRun() => _previousLength = 0;

    public void Write(BinaryWriter writer, string id)
    {
        int length = Encoding.UTF8.GetByteCount(id);
        if (_current.Length < length)
        {
            _current = new byte[Math.Max(length, 2 * _current.Length)];
        }
        Encoding.UTF8.GetBytes(id, _current);
        int shared = _current.AsSpan(0, length).CommonPrefixLength(_previous.AsSpan(0, _previousLength));
        writer.Write7BitEncodedInt(shared);
        writer.Write7BitEncodedInt(length - shared);
        writer.Write(_current, shared, length - shared);
        (_previous, _current) = (_current, _previous);
        _previousLength = length;
    }

    /// <summary>The next id; <paramref name="bad"/> names the run when the data cannot hold it.</summary>
    public string Read(BinaryReader reader, Func<Exception> bad)
    {
        int shared = reader.Read7BitEncodedInt(), rest = reader.Read7BitEncodedInt();
        if (shared < 0 || shared > _previousLength || rest < 0 || rest > reader.BaseStream.Length - reader.BaseStream.Position)
        {
            throw bad();
        }
        if (_previous.Length < shared + rest)
        {
            Array.Resize(ref _previous, shared + rest);
        }
        if (reader.Read(_previous, shared, rest) != rest)
        {
            throw bad();
        }
        _previousLength = shared + rest;
        return Encoding.UTF8.GetString(_previous, 0, _previousLength);
    }
}
