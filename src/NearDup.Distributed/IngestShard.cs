namespace NearDup.Distributed;

/// <summary>
/// A piece of input a silo reads and adds (<see cref="NearDupClusterClient.AddShardsAsync"/>): a whole file or folder,
/// the bytes [<paramref name="Start"/>, <paramref name="End"/>) of a JSONL file, which must begin and end at line
/// boundaries, some of a folder's files (<paramref name="Files"/>), or a stripe of a compressed JSONL file's lines
/// (<paramref name="Stripes"/>; <see cref="Striped"/>). The path is read by the silo, so every silo must see it at the
/// same path (shared storage).
/// </summary>
/// <remarks>
/// A compressed stream decodes only from its start, so it cannot be cut into byte ranges. Its lines are dealt out
/// instead: the file's lines go in blocks of <paramref name="StripeLines"/>, block b to stripe b mod <paramref name="Stripes"/>;
/// each stripe's silo decompresses the whole file and parses and adds its own blocks' lines only (<see cref="Reads"/>).
/// Decompressing costs less than parsing and sketching the same lines, so the stripes, side by side at their silos,
/// take about the time of one decompression and one silo's share of the sketching. Every line is in exactly one stripe, whatever the file's length, so the stripes
/// together add the file's documents, each once, and a line's number is its number in the file.
/// </remarks>
/// <param name="Path">The file or folder, as the silos see it.</param>
/// <param name="Start">First byte of the range; 0 for a whole input.</param>
/// <param name="End">Byte after the range; -1 for a whole input.</param>
/// <param name="Files">
/// For a folder's shard, the files read, as paths relative to <paramref name="Path"/> ('/'-separated); null for a whole
/// input or a range.
/// </param>
/// <param name="TextIds">
/// With <paramref name="Files"/>, per file, the id of a text file (one document; given by the client, which lists the
/// whole folder, since a text file's id depends on its folder's other files), or null for a data file, whose records
/// carry their ids.
/// </param>
/// <param name="Stripe">For a stripe, which one, from 0.</param>
/// <param name="Stripes">For a stripe, how many the file is dealt into; 0 for any other shard.</param>
/// <param name="StripeLines">For a stripe, lines per block.</param>
[GenerateSerializer, Immutable, Alias("NearDup.IngestShard")]
public sealed record IngestShard([property: Id(0)] string Path, [property: Id(1)] long Start = 0, [property: Id(2)] long End = -1,
    [property: Id(3)] string[]? Files = null, [property: Id(4)] string?[]? TextIds = null,
    [property: Id(5)] int Stripe = 0, [property: Id(6)] int Stripes = 0, [property: Id(7)] int StripeLines = 0)
{
    /// <summary>Lines per block of a stripe by default: a parse batch's worth, so that each silo parses whole batches.</summary>
    public const int DefaultStripeLines = 512;

    /// <summary>Whether this is a byte range of a file rather than a whole input.</summary>
    public bool IsRange => End >= 0;

    /// <summary>Whether this is a stripe of a compressed file's lines (<see cref="Striped"/>).</summary>
    public bool IsStripe => Stripes > 0;

    /// <summary>
    /// The <paramref name="stripes"/> stripes of the JSONL file <paramref name="path"/> (compressed, or not), in blocks
    /// of <paramref name="stripeLines"/> lines: together they read every line once.
    /// </summary>
    public static IngestShard[] Striped(string path, int stripes, int stripeLines = DefaultStripeLines)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(stripes, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(stripeLines, 1);
        return [.. Enumerable.Range(0, stripes).Select(k => new IngestShard(path, Stripe: k, Stripes: stripes, StripeLines: stripeLines))];
    }

    /// <summary>Whether this shard reads line <paramref name="line"/> (from 1, in the whole file): every line for a shard that is not a stripe.</summary>
    public bool Reads(long line) => !IsStripe || (line - 1) / StripeLines % Stripes == Stripe;

    /// <summary>The path, and the byte range, the folder's files or the stripe if there are: how reports name the shard.</summary>
    public override string ToString() => IsRange ? $"{Path} [bytes {Start:N0} to {End:N0})"
        : IsStripe ? $"{Path} [lines in blocks of {StripeLines:N0}: block {Stripe} of every {Stripes}]"
        : Files is { Length: > 0 } files ? $"{Path} [{files.Length:N0} files, {files[0]} to {files[^1]}]" : Path;
}
