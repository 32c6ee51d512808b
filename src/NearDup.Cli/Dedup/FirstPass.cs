using NearDup.Cli.Input;

namespace NearDup.Cli.Dedup;

/// <summary>
/// The reader of dedup's first pass and where it read each document (<see cref="DocumentReader.Taken"/>), in input
/// order, for the second pass. At the first document, once the input's format is known, the check given
/// refuses a format dedup cannot copy or write as asked; from a folder, a document that is not a whole text file is
/// refused. Both stop the read at that document, before any clustering.
/// </summary>
internal sealed class FirstPass
{
    private readonly List<RecordPosition> _positions = [];
    private readonly bool _folder;
    private readonly Action<InputFormat> _check;

    /// <summary>
    /// A first pass over <paramref name="input"/>; <paramref name="check"/> gets the format its first document was read
    /// as. Tests make <paramref name="lineBufferSize"/> small so that batches end mid-file.
    /// </summary>
    public FirstPass(string input, InputOptions options, bool folder, Action<InputFormat> check, int lineBufferSize = LineBatchReader.BufferBytes)
    {
        _folder = folder;
        _check = check;
        Reader = new DocumentReader(input, options) { Taken = Note, LineBufferSize = lineBufferSize };
    }

    /// <summary>The reader, whose batches go to the deduplicator.</summary>
    public DocumentReader Reader { get; }

    /// <summary>Every document taken, in input order (complete once the read ended).</summary>
    public IReadOnlyList<RecordPosition> Positions => _positions;

    private void Note(string id, string source, long line)
    {
        if (_positions.Count == 0 && !_folder)
        {
            _check(Reader.ReadAs);
        }
        if (_folder && (line != 0 || !File.Exists(source)))
        {
            throw new InputException($"{source}: a data file inside the folder INPUT; dedup copies the kept files of a folder of text files, or the kept records of one data file: "
                + "run dedup on that file on its own, or leave it out with --exclude.");
        }
        _positions.Add(new RecordPosition(id, source, line));
    }
}
