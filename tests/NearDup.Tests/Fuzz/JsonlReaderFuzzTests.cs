using System.Text;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Fuzz;

/// <summary>
/// Property-based fuzzing of the JSONL reader with CsCheck. Valid documents (any ids and texts, extra fields of any
/// depth) read back exactly; lines mutated at random bytes only ever give <see cref="InputException"/>, and with
/// --skip-invalid the parallel reader returns what the sequential one does and every valid line's document.
/// </summary>
public sealed class JsonlReaderFuzzTests
{
    // Whole pieces, not single chars, so that surrogate pairs stay pairs: a lone surrogate is not valid text.
    private static readonly Gen<string> s_text = Gen.OneOf<string>("story", "words", " ", "é", "日本語", "ß", "𝒳", "🙂", "\"", "\\", "/", "\t", "\n", "\u2028")
        .Array[1, 20].Select(string.Concat).Where(t => !string.IsNullOrWhiteSpace(t));

    private static readonly Gen<string> s_extra = Gen.Int[0, 90].Select(depth => new string('[', depth) + "{\"k\":null}" + new string(']', depth));

    private static readonly Gen<(string Text, string? Extra)[]> s_documents = Gen.Select(s_text, s_extra.Null()).Array[1, 40];

    [Fact]
    public void Read_ValidDocuments_ReadBackExactly() =>
        Gen.Select(s_documents, Gen.Int[1, 3]).Sample((documents, threads) =>
        {
            using var folder = new TempFolder();
            string path = Write(folder.Path, [.. documents.Select((d, i) => Encoding.UTF8.GetBytes(Line(i, d.Text, d.Extra)))]);
            var read = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads }).Read().ToList();
            Assert.Equal(documents.Select((d, i) => ("d" + i, d.Text)), read.Select(d => (d.Id, Encoding.UTF8.GetString(d.Utf8Text.Span))));
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(150), time: FuzzBudget.Seconds);

    [Fact]
    public void Read_MutatedLines_OnlyInputExceptionAndSkipsAgree() =>
        Gen.Select(s_documents, Gen.Select(Gen.Int[0, 39], Gen.Int[0, 200], Gen.Byte).Array[1, 8]).Sample((documents, mutations) =>
        {
            byte[][] lines = [.. documents.Select((d, i) => Encoding.UTF8.GetBytes(Line(i, d.Text, d.Extra)))];
            foreach (var (line, at, value) in mutations)
            {
                byte[] target = lines[line % lines.Length];
                target[at % target.Length] = value;
            }
            using var folder = new TempFolder();
            string path = Write(folder.Path, lines);
            try
            {
                _ = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = 1 }).Read().Count();
            }
            catch (InputException)
            {
                // The one error a bad input may give.
            }
            var sequential = ReadSkipping(path, 1);
            Assert.Equal(sequential, ReadSkipping(path, 3));
        }, seed: FuzzBudget.Seed, iter: FuzzBudget.Iterations(150), time: FuzzBudget.Seconds);

    private static string Line(int i, string text, string? extra) =>
        extra is null
            ? JsonSerializer.Serialize(new { id = "d" + i, text })
            : $"{{\"meta\":{extra},\"id\":\"d{i}\",\"text\":{JsonSerializer.Serialize(text)}}}";

    private static string ReadSkipping(string path, int threads)
    {
        var reader = new DocumentReader(path, new InputOptions { MaxDegreeOfParallelism = threads, SkipInvalid = true });
        try
        {
            string documents = string.Join("\n", reader.Read().Select(d => d.Id + "\t" + Convert.ToHexString(d.Utf8Text.Span)));
            return $"{documents}\nskipped {reader.Skipped}: {string.Join(" | ", reader.SkipReasons)}";
        }
        catch (InputException e)
        {
            return "error " + e.Message;
        }
    }

    private static string Write(string folder, byte[][] lines)
    {
        string path = Path.Combine(folder, "docs.jsonl");
        using var file = File.Create(path);
        foreach (byte[] line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }
        return path;
    }
}
