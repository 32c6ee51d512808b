using System.CommandLine;
using NearDup.Cli.Input;
using NearDup.Cli.Report;

namespace NearDup.Cli.Commands;

/// <summary>
/// <c>neardup report INPUT CLUSTERS.jsonl --out report.html</c>: one self-contained HTML page with the
/// overview, a searchable cluster list and each copy beside its canonical with shared passages marked.
/// </summary>
internal static class ReportCommand
{
    /// <summary>Creates the <c>report</c> command.</summary>
    public static Command Create()
    {
        var input = new Argument<string>("INPUT")
        {
            Description = $"Documents, read as neardup cluster reads them (--id-field, --text-field, --input-format): {InputHelp.Inputs}.",
        };
        var clusters = new Argument<string>("CLUSTERS")
        {
            Description = "Clusters JSONL written by 'neardup cluster' (one cluster per line, singletons included).",
        };
        var output = new Option<string>("--out", "-o")
        {
            Description = "HTML file to write (a regular file is replaced atomically; - for stdout).",
            DefaultValueFactory = _ => "report.html",
        };
        var pairs = new Option<string?>("--pairs")
        {
            Description = "Pairs JSONL written by 'neardup cluster --pairs': its reuse links between clusters are listed.",
        };
        var minRun = new Option<int>("--min-run")
        {
            Description = "Shortest shared passage to highlight, in words.",
            DefaultValueFactory = _ => ReportOptions.Default.MinRunWords,
        }.AtLeast(1);
        var maxText = new Option<int>("--max-text")
        {
            Description = "Longest text embedded per document, in characters; longer texts are trimmed, with a note of what is left out.",
            DefaultValueFactory = _ => ReportOptions.Default.MaxTextChars,
        }.AtLeast(1);
        var maxTotal = new Option<long>("--max-total-text")
        {
            Description = "Budget for all embedded texts, in characters: over it, every text is cut to one shorter length (not below 1,000), "
                + "with a note of what is left out; only then are the smallest clusters listed by id only.",
            DefaultValueFactory = _ => ReportOptions.Default.MaxTotalTextChars,
        }.AtLeast(0);
        var pageSize = new Option<int>("--page-size")
        {
            Description = "Clusters per page of the list.",
            DefaultValueFactory = _ => ReportOptions.Default.PageSize,
        }.AtLeast(1);
        var title = new Option<string>("--title")
        {
            Description = "Page title.",
            DefaultValueFactory = _ => ReportOptions.Default.Title,
        };

        var command = new Command("report", "Write a self-contained HTML report of clusters with shared passages highlighted.")
        {
            input, clusters, output, pairs, minRun, maxText, maxTotal, pageSize, title,
        };
        var common = new CommonOptions();
        common.AddInputOptions(command);
        command.SetAction(parseResult =>
        {
            var error = parseResult.InvocationConfiguration.Error;
            var options = new ReportOptions
            {
                MinRunWords = parseResult.GetValue(minRun),
                MaxTextChars = parseResult.GetValue(maxText),
                MaxTotalTextChars = parseResult.GetValue(maxTotal),
                PageSize = parseResult.GetValue(pageSize),
                Title = parseResult.GetValue(title) ?? ReportOptions.Default.Title,
            };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException e)
            {
                error.WriteLine($"neardup report: invalid option {e.ParamName}: {e.ActualValue}");
                return 2;
            }

            var outPath = parseResult.GetValue(output)!;
            try
            {
                string? pairsPath = parseResult.GetValue(pairs);
                string documents = parseResult.GetValue(input)!;
                var inputOptions = common.GetInputOptions(parseResult);
                var model = ReportWriter.Write(documents, needed => Input.DocumentTexts.Load(documents, inputOptions, needed), parseResult.GetValue(clusters)!,
                    outPath, options, ReportClock.Now(), links: pairsPath is null ? null : found => ReportLink.FromPairs(PairsFile.Load(pairsPath), found));
                // With --out - the page is on stdout, so the summary goes where it cannot corrupt it.
                (outPath == Output.OutputFile.Stdout ? error : parseResult.InvocationConfiguration.Output).WriteLine(
                    $"Wrote {outPath}: {model.DocumentCount:N0} documents, {model.Groups.Count:N0} clusters of 2+, {model.Singletons.Count:N0} singletons.");
                return 0;
            }
            catch (Exception e) when (CliError.Map(e, prefix: "neardup report: ") is { } failure)
            {
                error.WriteLine(failure.Message);
                return failure.Code;
            }
        });
        return command;
    }
}
