using System.CommandLine;
using NearDup.Cli.Input;
using NearDup.Clustering;
using NearDup.Signatures;
using NearDup.Text;

namespace NearDup.Cli.Commands;

/// <summary>Options shared by the commands that read a corpus and run the engine; each shows its default in --help.</summary>
internal sealed class CommonOptions
{
    public Option<string> IdField { get; } = new("--id-field") { Description = "JSON field holding the document id", DefaultValueFactory = _ => "id" };

    public Option<string> TextField { get; } = new("--text-field") { Description = "JSON field holding the text", DefaultValueFactory = _ => "text" };

    public Option<string> DateField { get; } = new("--date-field") { Description = "JSON field holding an ISO 8601 date (the earliest copy is canonical)", DefaultValueFactory = _ => "date" };

    public Option<string> InputFormat { get; } = CreateInputFormat();

    public Option<bool> SkipInvalid { get; } = new("--skip-invalid") { Description = "Skip bad documents, count them and report the first reasons, instead of stopping" };

    public Option<string[]> Include { get; } = new("--include") { Description = "Glob of files to read in a folder (repeatable; default *.txt *.text *.md and files with no extension)", AllowMultipleArgumentsPerToken = true };

    public Option<string[]> Exclude { get; } = new("--exclude") { Description = "Glob of files to leave out of a folder (repeatable)", AllowMultipleArgumentsPerToken = true };

    public Option<int> Threads { get; } = new("--threads") { Description = "Threads to use; -1 for all cores (results are the same for any value)", DefaultValueFactory = _ => -1 };

    public Option<string?> SpillDir { get; } = new("--spill-dir")
    {
        Description = "Folder for a temporary file that holds the verification fingerprints outside the heap, memory-mapped (for corpora near the "
            + "machine's memory; results are the same); default: none, kept in memory",
    };

    public Option<bool> Quiet { get; } = new("--quiet", "-q") { Description = "Print nothing but errors on stderr" };

    public Option<bool> Verbose { get; } = new("--verbose", "-v") { Description = "Print counts and timings of every stage on stderr" };

    public Option<int> ShingleSize { get; } = new("--shingle-size") { Description = "Words per shingle", DefaultValueFactory = _ => ShingleOptions.Default.Size };

    public Option<int> Permutations { get; } = new("--permutations") { Description = "MinHash hash functions", DefaultValueFactory = _ => MinHashOptions.Default.Permutations };

    public Option<double> LshThreshold { get; } = new("--lsh-threshold") { Description = "Jaccard threshold the MinHash LSH index targets", DefaultValueFactory = _ => NearDupOptions.Default.LshThreshold };

    public Option<double> MinContainment { get; } = new("--min-containment") { Description = "Smallest containment (shared shingles / smaller document's) that makes a copy", DefaultValueFactory = _ => NearDupOptions.Default.MinContainment };

    public Option<int> MinShared { get; } = new("--min-shared") { Description = "Fewest shared shingles that make a copy", DefaultValueFactory = _ => NearDupOptions.Default.MinSharedShingles };

    public Option<double> SampleRate { get; } = new("--sample-rate") { Description = "Fraction of shingles kept for verification (1, 1/2, ... 1/64 as 0.25 etc.); lower it for millions of documents", DefaultValueFactory = _ => NearDupOptions.Default.SampleRate };

    public Option<int> CommonDocuments { get; } = new("--common-docs") { Description = "A shingle in this many stories is boilerplate and ignored", DefaultValueFactory = _ => NearDupOptions.Default.CommonShingleDocuments };

    public void AddInputOptions(Command command)
    {
        foreach (var option in new Option[] { IdField, TextField, DateField, InputFormat, SkipInvalid, Include, Exclude })
        {
            command.Options.Add(option);
        }
    }

    public void AddEngineOptions(Command command)
    {
        foreach (var option in new Option[] { ShingleSize, Permutations, LshThreshold, MinContainment, MinShared, SampleRate, CommonDocuments, Threads, SpillDir })
        {
            command.Options.Add(option);
        }
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
            "json-array" => Input.InputFormat.JsonArray,
            "txt" => Input.InputFormat.Txt,
            _ => Input.InputFormat.Auto,
        },
        Include = result.GetValue(Include) ?? [],
        Exclude = result.GetValue(Exclude) ?? [],
        MaxDegreeOfParallelism = result.GetResult(Threads) is null ? -1 : result.GetValue(Threads),
    };

    public NearDupOptions GetEngineOptions(ParseResult result) => NearDupOptions.Default with
    {
        Shingles = ShingleOptions.Default with { Size = result.GetValue(ShingleSize) },
        MinHash = MinHashOptions.Default with { Permutations = result.GetValue(Permutations) },
        LshThreshold = result.GetValue(LshThreshold),
        MinContainment = result.GetValue(MinContainment),
        MinSharedShingles = result.GetValue(MinShared),
        PassageShingles = Math.Max(NearDupOptions.Default.PassageShingles, result.GetValue(MinShared)),
        SampleRate = result.GetValue(SampleRate),
        CommonShingleDocuments = result.GetValue(CommonDocuments),
        MaxDegreeOfParallelism = result.GetValue(Threads),
        SpillDirectory = result.GetResult(SpillDir) is null ? null : result.GetValue(SpillDir),
    };

    private static Option<string> CreateInputFormat()
    {
        var option = new Option<string>("--input-format")
        {
            Description = "auto (from the content, which must agree with the file name), jsonl (a JSON object per line), json-array (a JSON array of objects) "
                + "or txt (the file is one document)",
            DefaultValueFactory = _ => "auto",
        };
        option.AcceptOnlyFromAmong("auto", "jsonl", "json-array", "txt");
        return option;
    }
}
