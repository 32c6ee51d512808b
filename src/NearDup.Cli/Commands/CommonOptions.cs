using System.CommandLine;
using NearDup.Cli.Input;
using NearDup.Cli.Pipeline;
using NearDup.Clustering;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Cli.Commands;

/// <summary>Options shared by the commands that read a corpus and run the engine; each shows its default in --help.</summary>
internal sealed class CommonOptions
{
    public Option<string> IdField { get; } = new("--id-field") { Description = "Field (jsonl, json, parquet) or column (csv, tsv) holding the document id; a.b is field b inside a", DefaultValueFactory = _ => "id" };

    public Option<string> TextField { get; } = new("--text-field") { Description = "Field (jsonl, json, parquet) or column (csv, tsv) holding the text; meta.body is field body inside meta", DefaultValueFactory = _ => "text" };

    public Option<string> DateField { get; } = new("--date-field") { Description = "Field or column holding an ISO 8601 date, UTC unless it gives an offset (the date rules count days between two documents; the earliest copy is canonical)", DefaultValueFactory = _ => "date" };

    public Option<string> InputFormat { get; } = CreateInputFormat();

    public Option<bool> SkipInvalid { get; } = new("--skip-invalid") { Description = "Skip bad documents, count them and report the first reasons, instead of stopping" };

    public Option<string[]> Include { get; } = new("--include") { Description = "Glob of files to read in a folder (repeatable; default: text files *.txt *.text *.md and files with no extension, and data files *.jsonl *.json *.csv *.tsv *.parquet, plain or .gz .zst .lz4)", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Glob of files to leave out of a folder (repeatable)", AllowMultipleArgumentsPerToken = true };

    public Option<int> Threads { get; } = new("--threads") { Description = "Threads to use; -1 for all cores (results are the same for any value)", DefaultValueFactory = _ => -1 };

    public Option<string?> SpillDir { get; } = new("--spill-dir")
    {
        Description = "Folder for a temporary file that holds the verification fingerprints outside the heap, memory-mapped (for corpora near the "
            + "machine's memory; results are the same); default: none, or with cluster, dedup and index build|add the temporary folder when the "
            + "input's size predicts more memory than the process may have (said on stderr)",
    };

    public Option<bool> NoSpill { get; } = new("--no-spill") { Description = "Keep the fingerprints in memory even when the input's size predicts more than the process may have" };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but errors on stderr" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print counts and timings of every stage on stderr" };

    public Option<int> ShingleSize { get; } = new("--shingle-size") { Description = "Words per shingle", DefaultValueFactory = _ => ShingleOptions.Default.Size };

    public Option<int> Permutations { get; } = new("--permutations") { Description = "MinHash hash functions", DefaultValueFactory = _ => MinHashOptions.Default.Permutations };

    public Option<double> LshThreshold { get; } = new("--lsh-threshold")
    {
        Description = "Jaccard the MinHash LSH index targets: a speed/recall knob of the candidate index, not a filter on the output (see --min-jaccard)",
        DefaultValueFactory = _ => NearDupOptions.Default.LshThreshold,
    };

    public Option<double> MinContainment { get; } = new("--min-containment")
    {
        Description = "Smallest containment (shared shingles / smaller document's) that makes a copy; given, it also bounds every copy and pair "
            + "reported (cluster, dedup): a member below it against its canonical becomes a singleton, a pair below it is left out, even one the passage rule found",
        DefaultValueFactory = _ => NearDupOptions.Default.MinContainment,
    };

    public Option<double> MinJaccard { get; } = new("--min-jaccard")
    {
        Description = "Smallest Jaccard of every copy (against its canonical) and pair reported (cluster, dedup): a member below it becomes a singleton, "
            + "a pair below it is left out",
        DefaultValueFactory = _ => 0,
    };

    public Option<int> MinShared { get; } = new("--min-shared") { Description = "Fewest shared shingles that make a copy", DefaultValueFactory = _ => NearDupOptions.Default.MinSharedShingles };

    public Option<int> PassageShingles { get; } = new("--passage-shingles")
    {
        Description = "Shared shingles that link two texts whatever --min-containment, or a fifth of them (at least --min-shared) within 100 shingles "
            + "of both: a quoted passage, always a reuse link, never a copy (a given --min-containment still bounds what is reported)",
        DefaultValueFactory = _ => NearDupOptions.Default.PassageShingles,
    };

    public Option<double> SampleRate { get; } = new("--sample-rate") { Description = "Fraction of shingles kept for verification (1, 1/2, ... 1/64 as 0.25 etc.); lower it for millions of documents", DefaultValueFactory = _ => NearDupOptions.Default.SampleRate };

    public Option<int> AnchorRate { get; } = new("--anchor-rate")
    {
        Description = "One in this many verification shingles is an anchor of the index that finds copies sharing too little for LSH (1, 2, 4 ... 256); "
            + "2 finds more copies that share 10 to 20 5-grams (short answers, OCR reprints) for a larger index and slower queries (see README)",
        DefaultValueFactory = _ => NearDupOptions.Default.AnchorRate,
    };

    /// <summary>
    /// The boilerplate threshold. The flag keeps its first name, --common-docs, so that scripts keep working; it sets
    /// <see cref="NearDupOptions.CommonShingleDocuments"/>, and code and docs call the concept boilerplate.
    /// </summary>
    public Option<int> BoilerplateDocuments { get; } = new("--common-docs")
    {
        Description = "Boilerplate threshold: a shingle held by this many stories or more is boilerplate (a site's template, a stock phrase), left out of every score",
        DefaultValueFactory = _ => NearDupOptions.Default.CommonShingleDocuments,
    };

    public void AddInputOptions(Command command)
    {
        foreach (var option in new Option[] { IdField, TextField, DateField, InputFormat, SkipInvalid, Include, Exclude })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds every engine option: those that shape sketches and the clustering thresholds.</summary>
    public void AddEngineOptions(Command command)
    {
        foreach (var option in new Option[] { ShingleSize, Permutations, LshThreshold, MinContainment, MinShared, PassageShingles, SampleRate, AnchorRate, BoilerplateDocuments, Threads, SpillDir })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>
    /// Adds the engine options that may differ from an index's (the clustering thresholds, threads, spill folder), for
    /// the commands that read one: those that shape sketches (shingle size, permutations, LSH threshold, sample rate)
    /// come from the index itself.
    /// </summary>
    public void AddThresholdOptions(Command command)
    {
        // Not given, a threshold is the index's, which --help cannot know: it shows that instead of the library default.
        foreach (var option in new Option[] { MinContainment, MinShared, PassageShingles, BoilerplateDocuments })
        {
            option.Description += " [default: the index's; neardup index info shows it]";
        }
        MinContainment.DefaultValueFactory = null;
        MinShared.DefaultValueFactory = null;
        PassageShingles.DefaultValueFactory = null;
        BoilerplateDocuments.DefaultValueFactory = null;
        foreach (var option in new Option[] { MinContainment, MinShared, PassageShingles, BoilerplateDocuments, Threads, SpillDir })
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Adds --no-spill, for the commands that read a corpus and so may choose a spill folder by its size (<see cref="SpillChoice"/>).</summary>
    public void AddSpillChoice(Command command) => command.Options.Add(NoSpill);

    /// <summary>The flags of the options that shape sketches: a command that reads an index takes them from it.</summary>
    public static IReadOnlySet<string> SketchFlags { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "--shingle-size", "--permutations", "--lsh-threshold", "--sample-rate", "--anchor-rate",
    };

    /// <summary>Adds --min-jaccard, which bounds the output of the commands that report copies (cluster, dedup).</summary>
    public void AddBoundOptions(Command command) => command.Options.Add(MinJaccard);

    /// <summary>
    /// The output bounds the command line asks for: --min-jaccard, and --min-containment when given (left at its
    /// default it only decides what makes a copy, so default output is unchanged), with the roles a cluster reports.
    /// </summary>
    public OutputFilter GetOutputFilter(ParseResult result, CopyKinds roles)
    {
        double jaccard = result.GetValue(MinJaccard);
        if (!(jaccard is >= 0 and <= 1))
        {
            throw new ArgumentException($"--min-jaccard must be 0 to 1; got {result.GetResult(MinJaccard)?.Tokens[0].Value}.");
        }
        double containment = result.GetResult(MinContainment) is { Implicit: false } ? result.GetValue(MinContainment) : 0;
        return new OutputFilter { MinJaccard = jaccard, MinContainment = containment, Roles = roles };
    }

    /// <summary>Kinds of copy as typed after <c>--kinds</c>: a comma-separated list of exact, syndicated, rewritten, excerpt and (where allowed) template.</summary>
    public static CopyKinds ParseKinds(string value, bool allowTemplate)
    {
        var kinds = CopyKinds.None;
        foreach (string name in value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            kinds |= name switch
            {
                "exact" => CopyKinds.Exact,
                "syndicated" => CopyKinds.Syndicated,
                "rewritten" => CopyKinds.Rewritten,
                "excerpt" => CopyKinds.Excerpt,
                "template" when allowTemplate => CopyKinds.Template,
                "template" => throw new ArgumentException("--kinds: template is not a role of a cluster member (templates are reuse links between "
                    + "clusters: neardup cluster --pairs lists them with \"kind\":\"template\"; neardup dedup --kinds template removes them)."),
                _ => throw new ArgumentException($"--kinds: unknown kind '{name}'; give a comma-separated list of exact, syndicated, rewritten, excerpt"
                    + (allowTemplate ? ", template." : ".")),
            };
        }
        return kinds != CopyKinds.None ? kinds : throw new ArgumentException("--kinds: give at least one kind, e.g. --kinds exact,syndicated.");
    }

    public void AddOutputOptions(Command command)
    {
        command.Options.Add(Quiet);
        command.Options.Add(Verbose);
    }

    public InputOptions GetInputOptions(ParseResult result) => new()
    {
        IdField = result.GetValue(IdField)!,
        TextField = result.GetValue(TextField)!,
        DateField = result.GetValue(DateField)!,
        SkipInvalid = result.GetValue(SkipInvalid),
        Format = result.GetValue(InputFormat) switch
        {
            "jsonl" => Input.InputFormat.Jsonl,
            "json" or "json-array" => Input.InputFormat.JsonArray,
            "txt" => Input.InputFormat.Txt,
            "csv" => Input.InputFormat.Csv,
            "tsv" => Input.InputFormat.Tsv,
            "parquet" => Input.InputFormat.Parquet,
            _ => Input.InputFormat.Auto,
        },
        Include = result.GetValue(Include) ?? [],
        Exclude = result.GetValue(Exclude) ?? [],
        MaxDegreeOfParallelism = result.GetResult(Threads) is null ? -1 : result.GetValue(Threads),
        Quiet = IsOn(result, Quiet),
    };

    /// <summary>
    /// The one place flags map to <see cref="NearDupOptions"/>. A flag given on the command line wins; a flag not given,
    /// or one the command does not take, keeps the value of <paramref name="saved"/> (the options an index was built
    /// with) or, without an index, the library default. With an index, a flag that shapes sketches must equal the
    /// saved value. The result is validated, a failure named by its flag. Given the corpus it will read,
    /// <paramref name="input"/>, and no spill flag, the spill folder is chosen by the input's size
    /// (<see cref="SpillChoice"/>), and the choice said on stderr unless --quiet.
    /// </summary>
    public NearDupOptions GetEngineOptions(ParseResult result, NearDupOptions? saved = null, string? input = null)
    {
        var basis = saved ?? NearDupOptions.Default;
        bool Given(Option option) => result.GetResult(option) is { Implicit: false };
        T Pick<T>(Option<T> option, T fallback) => Given(option) ? result.GetValue(option)! : fallback;
        var options = basis with
        {
            Shingles = basis.Shingles with { Size = Pick(ShingleSize, basis.Shingles.Size) },
            MinHash = basis.MinHash with { Permutations = Pick(Permutations, basis.MinHash.Permutations) },
            LshThreshold = Pick(LshThreshold, basis.LshThreshold),
            MinContainment = Pick(MinContainment, basis.MinContainment),
            MinSharedShingles = Pick(MinShared, basis.MinSharedShingles),
            // Not given, the passage rule follows a raised --min-shared; given, it is checked against it.
            PassageShingles = Given(PassageShingles) ? result.GetValue(PassageShingles)
                : Math.Max(basis.PassageShingles, Pick(MinShared, 0)),
            SampleRate = Pick(SampleRate, basis.SampleRate),
            AnchorRate = Pick(AnchorRate, basis.AnchorRate),
            CommonShingleDocuments = Pick(BoilerplateDocuments, basis.CommonShingleDocuments),
            // Neither is saved in an index: they are about this machine, not the corpus.
            MaxDegreeOfParallelism = Pick(Threads, -1),
            SpillDirectory = Pick(SpillDir, null),
        };
        if (saved is not null)
        {
            CheckSketchOptions(result, options, saved);
        }
        CheckInCliTerms(result, options);
        bool noSpill = IsOn(result, NoSpill);
        if (noSpill && Given(SpillDir))
        {
            throw new ArgumentException("--no-spill keeps the fingerprints in memory and --spill-dir puts them in a file: give one or the other.");
        }
        if (input is null || input == "-" || Given(SpillDir))
        {
            return options;
        }
        return noSpill ? KeptInMemory(options, input, result) : WithSpillChosen(result, options, input);
    }

    /// <summary><paramref name="options"/> as they are, once <paramref name="input"/> may fit in memory as <c>--no-spill</c> asks.</summary>
    private NearDupOptions KeptInMemory(NearDupOptions options, string input, ParseResult result) =>
        SpillChoice.WhyNotInMemory(input, GetInputOptions(result), options.SampleRate) is { } why ? throw new InsufficientMemoryException(why) : options;

    /// <summary><paramref name="options"/> with the spill folder <see cref="SpillChoice"/> picks for <paramref name="input"/>.</summary>
    private NearDupOptions WithSpillChosen(ParseResult result, NearDupOptions options, string input)
    {
        var choice = SpillChoice.For(input, GetInputOptions(result), options.SampleRate);
        if (choice.Note is { } note && !IsOn(result, Quiet))
        {
            Console.Error.WriteLine($"neardup: {note}");
        }
        return options with { SpillDirectory = choice.Directory };
    }

    /// <summary>Whether the flag <paramref name="option"/> is given, false where the command does not take it.</summary>
    private static bool IsOn(ParseResult result, Option<bool> option) => result.GetResult(option) is not null && result.GetValue(option);

    /// <summary>An option that shapes sketches, given with an index, must be the index's: say so by its flag.</summary>
    private void CheckSketchOptions(ParseResult result, NearDupOptions options, NearDupOptions saved)
    {
        (Option Option, object Given, object Saved)[] sketch =
        [
            (ShingleSize, options.Shingles.Size, saved.Shingles.Size),
            (Permutations, options.MinHash.Permutations, saved.MinHash.Permutations),
            (LshThreshold, options.LshThreshold, saved.LshThreshold),
            (SampleRate, options.SampleRate, saved.SampleRate),
            (AnchorRate, options.AnchorRate, saved.AnchorRate),
        ];
        foreach (var (option, given, kept) in sketch)
        {
            if (!given.Equals(kept))
            {
                throw new ArgumentException($"{option.Name} {result.GetResult(option)?.Tokens[0].Value} differs from the index's {kept}: options that "
                    + "shape sketches come from the index (only clustering thresholds may differ); leave it out, or rebuild the index to change it.");
            }
        }
    }

    /// <summary>
    /// Validates <paramref name="options"/> as the engine will, and says a failure in CLI terms: the one place that maps
    /// a library option (the "Type.Property" its message starts with) to the CLI option that sets it and its rule as
    /// the user sees it, so <c>--threads 0</c> says "--threads must be -1 or at least 1; got 0.", not
    /// "NearDupOptions.MaxDegreeOfParallelism … (Parameter …) Actual value was 0". A failure not in the map
    /// (an option with no CLI flag) keeps the library's message.
    /// </summary>
    public void CheckInCliTerms(ParseResult result, NearDupOptions options)
    {
        try
        {
            options.Validate();
            _ = new Shingler(options.Shingles);
            _ = new MinHasher(options.MinHash);
        }
        catch (ArgumentException e)
        {
            (string Property, Option Option, string Rule)[] map =
            [
                ("ShingleOptions.Size", ShingleSize, $"must be 1 to {Shingler.MaxWordSize}"),
                ("MinHashOptions.Permutations", Permutations, $"must be 1 to {MinHashOptions.MaxPermutations}"),
                ("NearDupOptions.LshThreshold", LshThreshold, "must lie strictly between 0 and 1"),
                ("NearDupOptions.MinContainment", MinContainment, "must be above 0 and at most 1"),
                ("NearDupOptions.MinSharedShingles", MinShared, "must be at least 1"),
                ("NearDupOptions.PassageShingles", PassageShingles, "must be at least --min-shared"),
                ("NearDupOptions.SampleRate", SampleRate, "must be 1, 0.5, 0.25, 0.125, 0.0625, 0.03125 or 0.015625 (1/64)"),
                ("NearDupOptions.AnchorRate", AnchorRate, "must be a power of two from 1 to 256"),
                ("NearDupOptions.CommonShingleDocuments", BoilerplateDocuments, "must be at least 2"),
                ("NearDupOptions.MaxDegreeOfParallelism", Threads, "must be -1 or at least 1"),
            ];
            foreach (var (property, option, rule) in map)
            {
                if (e.Message.StartsWith(property + " ", StringComparison.Ordinal))
                {
                    string given = result.GetResult(option)?.Tokens is [var token, ..] ? token.Value : "its default";
                    throw new ArgumentException($"{option.Name} {rule}; got {given}.", e);
                }
            }
            throw;
        }
    }

    private static Option<string> CreateInputFormat()
    {
        var option = new Option<string>("--input-format")
        {
            Description = "auto (from the content, which must agree with the file name), jsonl (a JSON object per line; also gzip, zstd or lz4-compressed), "
                + "json (a JSON array of objects), csv or tsv (a header row, then a document a row), parquet, or txt (the file is one document)",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "jsonl", "json", "json-array", "csv", "tsv", "parquet", "txt");
        return option;
    }
}
