using System.Diagnostics;
using System.IO.Compression;
using System.Text;
using NearDup.Cli.Input;
using NearDup.Tests.Persistence;

namespace NearDup.Tests.Cli;

/// <summary>
/// Seeded, time-bounded fuzzing of the JSONL reader: random bytes and random mutations of valid JSONL (plain and gzip).
/// The reader may only throw <see cref="InputException"/>, and with --skip-invalid only for the file as a whole.
/// </summary>
public sealed class DocumentReaderFuzzTests
{
    private const string Inserts = "{}[]\":,\\\n\0\u00ff";

    private static readonly TimeSpan s_budget = TimeSpan.FromSeconds(3);

    [Fact]
    public void Read_RandomAndMutatedJsonl_OnlyInputExceptionOrSkips()
    {
        using var folder = new TempFolder();
        var random = new Random(4242);
        byte[] valid = ValidJsonl();
        var clock = Stopwatch.StartNew();
        int cases = 0;
        while (clock.Elapsed < s_budget || cases < 50)
        {
            byte[] input = (cases % 4) switch
            {
                0 => RandomBytes(random),
                1 => Mutate(valid, random, random.Next(1, 4)),
                2 => Mutate(valid, random, random.Next(4, 64)),
                _ => Splice(valid, random),
            };
            bool gzip = cases % 5 == 4;
            string path = Path.Combine(folder.Path, gzip ? "case.jsonl.gz" : "case.jsonl");
            if (gzip && random.Next(2) == 0)
            {
                using var file = File.Create(path);
                using var zip = new GZipStream(file, CompressionLevel.Fastest);
                zip.Write(input);
            }
            else
            {
                File.WriteAllBytes(path, input);
            }
            Check(path, skipInvalid: false, cases);
            Check(path, skipInvalid: true, cases);
            cases++;
        }
        Assert.True(cases >= 50);
    }

    private static void Check(string path, bool skipInvalid, int number)
    {
        var reader = new DocumentReader(path, new InputOptions { SkipInvalid = skipInvalid, MaxDocumentBytes = 1 << 16 });
        try
        {
            foreach (var document in reader.Read())
            {
                Assert.False(string.IsNullOrWhiteSpace(document.Id));
                Assert.False(document.Utf8Text.IsEmpty);
            }
        }
        catch (InputException e) when (!skipInvalid || !e.Message.Contains("pass --skip-invalid", StringComparison.Ordinal))
        {
            // Bad input, reported as such; with --skip-invalid only what spoils the whole file stops the read (a broken
            // gzip stream, binary data, UTF-16, a JSON array, every document invalid), never one bad document.
            Assert.Contains(Path.GetFileName(path), e.Message);
        }
        catch (Exception e) when (e is not Xunit.Sdk.IAssertionException)
        {
            Assert.Fail($"case {number} (skip-invalid {skipInvalid}): {e.GetType().Name}: {e.Message}");
        }
    }

    private static byte[] ValidJsonl()
    {
        var text = new StringBuilder();
        foreach (var d in IndexTestData.Corpus.Take(12))
        {
            text.Append(System.Text.Json.JsonSerializer.Serialize(new { id = d.Id, text = d.Text[..Math.Min(d.Text.Length, 400)], date = d.Date })).Append('\n');
        }
        text.Append("{\"id\": 7, \"text\": \"caf\\u00e9 \\\"quoted\\\" \\ud83d\\ude00 tab\\t\", \"extra\": {\"a\": [1, 2, null]}}\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static byte[] RandomBytes(Random random)
    {
        var bytes = new byte[random.Next(0, 2048)];
        random.NextBytes(bytes);
        if (random.Next(2) == 0)
        {
            // Mostly printable JSON-ish bytes with newlines, so lines get past the first token.
            const string alphabet = "{}[]\":,\\ \n\tidtextdate0123456789abcu-.eE+nulltruefalse";
            for (int i = 0; i < bytes.Length; i++)
            {
                bytes[i] = (byte)alphabet[bytes[i] % alphabet.Length];
            }
        }
        return bytes;
    }

    private static byte[] Mutate(byte[] valid, Random random, int mutations)
    {
        var bytes = new List<byte>(valid);
        for (int m = 0; m < mutations && bytes.Count > 0; m++)
        {
            int at = random.Next(bytes.Count);
            switch (random.Next(4))
            {
                case 0:
                    bytes[at] = (byte)random.Next(256);
                    break;
                case 1:
                    bytes.RemoveAt(at);
                    break;
                case 2:
                    bytes.Insert(at, (byte)Inserts[random.Next(Inserts.Length)]);
                    break;
                default:
                    bytes[at] ^= (byte)(1 << random.Next(8));
                    break;
            }
        }
        return [.. bytes];
    }

    private static byte[] Splice(byte[] valid, Random random)
    {
        int a = random.Next(valid.Length), b = random.Next(valid.Length);
        return [.. valid.AsSpan(0, Math.Min(a, b)), .. valid.AsSpan(Math.Max(a, b)), .. valid.AsSpan(Math.Min(a, b), Math.Abs(a - b))];
    }
}
