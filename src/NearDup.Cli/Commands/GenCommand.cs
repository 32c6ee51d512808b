using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using NearDup.Cli.Input;
using NearDup.Corpus;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup gen</c>: writes a seeded, labelled news-like corpus (docs.jsonl + labels.jsonl), generated, or with
/// <c>--from</c> made of copies of real stories and real hard negatives.
/// </summary>
internal static class GenCommand
{
    /// <summary>Exit code for invalid arguments.</summary>
    public const int UsageError = CliError.BadInput;

    public static Command Create()
    {
        var docs = new Option<int>("--docs") { Description = "Exact number of documents to write (with --from: at most this many; default every story with its copies).", DefaultValueFactory = _ => 1000 }.AtLeast(1);
        var from = new Option<string?>("--from") { Description = "Make copies of the real stories in this JSONL file ({id, text} objects) instead of generating text; hard negatives are other stories of the file." };
        var common = new CommonOptions();
        var seed = new Option<ulong>("--seed") { Description = "Seed; the same seed gives byte-identical files.", DefaultValueFactory = _ => 1UL };
        var output = new Option<string>("--out") { Description = "Output directory (created if missing) for docs.jsonl and labels.jsonl, or - to stream the documents to stdout (e.g. into neardup cluster -).", Required = true };
        var labelsPath = new Option<string?>("--labels") { Description = "With --out -: also write the labels to this file (written to a temporary name, then renamed)." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print nothing but errors on stderr." };
        var mix = new Option<string?>("--mix")
        {
            Description = "Copy mix as fractions of all documents, e.g. exact=0.05,syndicated=0.25,rewritten=0.1,excerpt=0.1,hard-negative=0.3 (hard-negative is the fraction of stories in same-topic groups, with --from the fraction made into follow-ups and quote carriers); unnamed kinds keep their defaults.",
        };
        var strength = new Option<string?>("--rewrite-strength") { Description = "Range of rewrite strengths MIN:MAX within 0..1 (0 light edit, 1 heavy spin). Default 0.2:1." };
        var ocr = new Option<bool>("--ocr-noise") { Description = "Add OCR-like character noise to half of the non-exact copies." };
        var threads = new Option<int>("--threads") { Description = "Worker threads (-1 = all cores); output does not depend on it.", DefaultValueFactory = _ => -1 }.Threads();

        var command = new Command("gen", "Generate a seeded, labelled corpus of news-like documents with exact, syndicated, rewritten and excerpt copies and same-topic hard negatives.");
        foreach (var option in new Option[] { docs, seed, output, mix, strength, ocr, threads, labelsPath, quiet, from, common.IdField, common.TextField, common.SkipInvalid })
        {
            command.Options.Add(option);
        }
        command.SetAction(parseResult =>
        {
            var options = CorpusOptions.Default with
            {
                Documents = parseResult.GetValue(docs),
                Seed = parseResult.GetValue(seed),
                OcrNoise = parseResult.GetValue(ocr),
                MaxDegreeOfParallelism = parseResult.GetValue(threads),
            };

            if (!TryApplyMix(parseResult.GetValue(mix), options, out options, out string? error)
                || !TryApplyStrength(parseResult.GetValue(strength), options, out options, out error))
            {
                return Fail(error);
            }

            CorpusSource source;
            try
            {
                source = parseResult.GetValue(from) is { } fromPath
                    ? FromStories(fromPath, ReadOptions(parseResult, common, options), options, parseResult.GetResult(docs) is null or { Implicit: true } ? int.MaxValue : options.Documents)
                    : CorpusSource.Of(new CorpusGenerator(options));
            }
            catch (Exception e) when (CliError.Map(e, prefix: "neardup gen: ") is { Code: CliError.BadInput } failure)
            {
                return Fail(failure);
            }

            return Write(source, parseResult.GetValue(output)!, parseResult.GetValue(labelsPath), parseResult.GetValue(quiet), parseResult.GetValue(from) is not null);
        });
        return command;
    }

    /// <summary>Writes the corpus to the folder <paramref name="dir"/> or stdout, then the summary unless <paramref name="quiet"/>.</summary>
    private static int Write(CorpusSource source, string dir, string? labels, bool quiet, bool fromStories)
    {
        if (labels is not null && dir != "-")
        {
            return Fail("--labels goes with --out - (a folder given to --out gets labels.jsonl).");
        }
        var watch = Stopwatch.StartNew();
        CorpusSummary summary;
        try
        {
            if (dir == "-")
            {
                Output.OutputFile.Check("--labels", labels);
            }
            else
            {
                Output.OutputFile.CheckFolder("--out", dir);
            }
            summary = dir == "-" ? WriteToStdout(source, labels) : WriteToFolder(source, dir);
        }
        catch (Exception e) when (CliError.Map(e, prefix: e is IOException or UnauthorizedAccessException
            ? $"neardup gen: cannot write to '{(dir == "-" ? labels ?? "stdout" : dir)}': " : "neardup gen: ") is { } failure)
        {
            return Fail(failure);
        }
        if (!quiet)
        {
            WriteSummary(summary, watch.Elapsed.TotalSeconds, dir, fromStories);
        }
        return 0;
    }

    private static void WriteSummary(CorpusSummary summary, double seconds, string dir, bool fromStories)
    {
        double mb = summary.DocsBytes / 1e6;
        Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"neardup gen: {summary.Documents} docs, {summary.Stories} stories, {mb:F1} MB in {seconds:F2} s ({mb / seconds:F0} MB/s) -> {(dir == "-" ? "stdout" : Path.GetFullPath(dir))}"));
        Console.Error.WriteLine("  " + string.Join("  ", summary.RoleCounts.Select(kv => string.Create(CultureInfo.InvariantCulture, $"{kv.Key} {kv.Value}"))));
        if (fromStories)
        {
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  hard negatives (originals of their own clusters): {summary.FollowUps} follow-ups, {summary.QuoteCarriers} quote carriers; {summary.CopiesLeftOut} base stories left out as copies of others"));
        }
    }

    /// <summary>Streams the documents to stdout, and the labels to <paramref name="labels"/> (replaced atomically when it is a regular file).</summary>
    private static CorpusSummary WriteToStdout(CorpusSource source, string? labels)
    {
        using var stdout = Console.OpenStandardOutput();
        if (labels is null)
        {
            return source.ToStreams(stdout, null);
        }
        CorpusSummary summary = default!;
        Output.OutputFile.Write("--labels", labels, file => summary = source.ToStreams(stdout, file));
        return summary;
    }

    /// <summary>
    /// Writes docs.jsonl and labels.jsonl in <paramref name="directory"/> through the CLI's one writer, so each is
    /// replaced atomically, or written straight through when it is a FIFO or device, like every other output.
    /// </summary>
    private static CorpusSummary WriteToFolder(CorpusSource source, string directory)
    {
        Directory.CreateDirectory(directory);
        CorpusSummary summary = default!;
        Output.OutputFile.Write("--out", Path.Combine(directory, CorpusGenerator.DocsFileName),
            docs => Output.OutputFile.Write("--out", Path.Combine(directory, CorpusGenerator.LabelsFileName), labels => summary = source.ToStreams(docs, labels)));
        return summary;
    }

    /// <summary>Reads the base stories of <c>--from</c> and plans their copies; throws <see cref="InputException"/> on bad input.</summary>
    internal static CorpusSource FromStories(string path, InputOptions input, CorpusOptions options, int maxDocuments)
    {
        if (path == "-" || !File.Exists(path))
        {
            throw new InputException($"--from {path}: no such file. Give a JSONL file of {{\"{input.IdField}\": ..., \"{input.TextField}\": ...}} objects, one story a line.");
        }

        var stories = new List<BaseStory>();
        foreach (var document in new DocumentReader(path, input).Read())
        {
            stories.Add(new BaseStory(document.Id, System.Text.Encoding.UTF8.GetString(document.Utf8Text.Span)));
        }

        if (stories.Count < StoryCopyGenerator.MinimumStories)
        {
            throw new InputException($"--from {path}: {stories.Count} {(stories.Count == 1 ? "story" : "stories")}; at least {StoryCopyGenerator.MinimumStories} are needed (one to copy, two others to carry its paragraph and its quote as hard negatives).");
        }

        return CorpusSource.Of(new StoryCopyGenerator(stories, options, maxDocuments));
    }

    private static InputOptions ReadOptions(ParseResult parseResult, CommonOptions common, CorpusOptions options) => new()
    {
        IdField = parseResult.GetValue(common.IdField)!,
        TextField = parseResult.GetValue(common.TextField)!,
        SkipInvalid = parseResult.GetValue(common.SkipInvalid),
        MaxDegreeOfParallelism = options.MaxDegreeOfParallelism,
    };

    /// <summary>Applies <c>kind=fraction,...</c> to <paramref name="options"/>; null or empty leaves it unchanged.</summary>
    internal static bool TryApplyMix(string? mix, CorpusOptions options, out CorpusOptions result, out string? error)
    {
        result = options;
        error = null;
        if (string.IsNullOrWhiteSpace(mix))
        {
            return true;
        }

        foreach (string part in mix.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            int eq = part.IndexOf('=', StringComparison.Ordinal);
            if (eq <= 0 || !double.TryParse(part.AsSpan(eq + 1), NumberStyles.Float, CultureInfo.InvariantCulture, out double value) || !(value >= 0 && value <= 1))
            {
                error = $"--mix: '{part}' is not kind=fraction with a fraction in [0, 1]";
                return false;
            }

            string kind = part[..eq].Trim().ToLowerInvariant();
            switch (kind)
            {
                case "exact":
                    result = result with { ExactRate = value };
                    break;
                case "syndicated":
                    result = result with { SyndicatedRate = value };
                    break;
                case "rewritten":
                    result = result with { RewrittenRate = value };
                    break;
                case "excerpt":
                    result = result with { ExcerptRate = value };
                    break;
                case "hard-negative" or "hardneg":
                    result = result with { HardNegativeRate = value };
                    break;
                default:
                    error = $"--mix: unknown kind '{kind}' (expected exact, syndicated, rewritten, excerpt or hard-negative)";
                    return false;
            }
        }

        if (result.OriginalRate < 0.01)
        {
            error = "--mix: copy fractions must sum to at most 0.99 so that some documents are originals";
            return false;
        }

        return true;
    }

    /// <summary>Applies <c>MIN:MAX</c> (or a single value) to the rewrite strength range.</summary>
    internal static bool TryApplyStrength(string? text, CorpusOptions options, out CorpusOptions result, out string? error)
    {
        result = options;
        error = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return true;
        }

        string[] parts = text.Split(':', StringSplitOptions.TrimEntries);
        if (parts.Length is < 1 or > 2
            || !double.TryParse(parts[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double min)
            || !double.TryParse(parts[^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double max)
            || !(min >= 0 && min <= max && max <= 1))
        {
            error = $"--rewrite-strength: '{text}' is not MIN:MAX with 0 <= MIN <= MAX <= 1";
            return false;
        }

        result = options with { RewriteStrength = new StrengthRange(min, max) };
        return true;
    }

    private static int Fail(string? message) => Fail((UsageError, "neardup gen: " + message));

    private static int Fail((int Code, string Message) failure)
    {
        Console.Error.WriteLine(failure.Message);
        return failure.Code;
    }
}
