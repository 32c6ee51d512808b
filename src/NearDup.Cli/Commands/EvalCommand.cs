using System.CommandLine;
using System.Text.Json;
using NearDup.Cli.Input;
using NearDup.Cli.Output;
using NearDup.Evaluation;

namespace NearDup.Cli.Commands;

/// <summary><c>neardup eval --labels LABELS CLUSTERS</c>: scores a clustering against labels.</summary>
internal static class EvalCommand
{
    public static Command Create()
    {
        var clusters = new Argument<string>("CLUSTERS") { Description = "Clusters JSONL written by neardup cluster" };
        var labels = new Option<string>("--labels", "-l") { Description = "Labels JSONL: id, cluster and optionally role per line", Required = true };
        var json = new Option<bool>("--json") { Description = "Print the report as JSON" };
        var top = new Option<int>("--top") { Description = "How many false merges and missed copies to list", DefaultValueFactory = _ => 10 };
        var command = new Command("eval", "Score clusters against labels: pairwise precision, recall, F1, adjusted Rand index, recall per role, worst errors.")
        {
            clusters, labels, json, top,
        };
        command.SetAction(parseResult => CommandRunner.Run(() =>
        {
            string labelsPath = parseResult.GetValue(labels)!, clustersPath = parseResult.GetValue(clusters)!;
            var labelMap = EvalFiles.ReadLabels(labelsPath);
            var predicted = EvalFiles.ReadClusters(clustersPath);
            if (!labelMap.Keys.Any(predicted.ContainsKey))
            {
                throw new InputException($"{labelsPath} and {clustersPath} have no document id in common ({labelMap.Count:N0} labelled, "
                    + $"{predicted.Count:N0} clustered): are they from the same corpus?");
            }
            var report = QualityEvaluator.Evaluate(labelMap, predicted, parseResult.GetValue(top));
            if (parseResult.GetValue(json))
            {
                WriteJson(Console.Out, report);
            }
            else
            {
                WriteText(Console.Out, report);
            }
            return 0;
        }));
        return command;
    }

    public static void WriteText(TextWriter w, QualityReport r)
    {
        w.WriteLine($"documents            {r.Documents:N0}" + (r.MissingFromPrediction > 0 ? $" ({r.MissingFromPrediction:N0} labelled documents missing from the clusters)" : ""));
        w.WriteLine($"pairwise precision   {r.Precision:0.0000}  ({r.TruePositivePairs:N0} of {r.PredictedPairs:N0} predicted pairs)");
        w.WriteLine($"pairwise recall      {r.Recall:0.0000}  ({r.TruePositivePairs:N0} of {r.TruePairs:N0} true pairs)");
        w.WriteLine($"pairwise F1          {r.F1:0.0000}");
        w.WriteLine($"adjusted Rand index  {r.AdjustedRandIndex:0.0000}");
        if (r.RoleRecalls.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("recall per role (copy in the same cluster as its story's original)");
            foreach (var role in r.RoleRecalls)
            {
                w.WriteLine($"  {role.Role,-12} {role.Recall:0.0000}  ({role.Found:N0} of {role.Documents:N0})");
            }
        }
        if (r.CanonicalClusters > 0)
        {
            w.WriteLine();
            w.WriteLine($"canonical = original {Share(r.CanonicalRight, r.CanonicalClusters):0.0000}  ({r.CanonicalRight:N0} of {r.CanonicalClusters:N0} clusters of 2+; an exact copy counts)");
            w.WriteLine($"role accuracy        {Share(r.RolesRight, r.RoleMembers):0.0000}  ({r.RolesRight:N0} of {r.RoleMembers:N0} members with their story's canonical)");
            WriteConfusions(w, r.RoleConfusions);
        }
        WriteErrors(w, "worst false merges (document put with another story)", r.FalseMerges);
        WriteErrors(w, "missed copies (copy not with its story; no scores: the clusters file scores a document only against its own cluster's canonical)",
            r.MissedCopies);
    }

    private static double Share(int part, int whole) => whole == 0 ? 1 : (double)part / whole;

    /// <summary>The roles given to those members, by labelled role: where role accuracy is lost.</summary>
    private static void WriteConfusions(TextWriter w, IReadOnlyList<RoleConfusion> confusions)
    {
        if (confusions.Count == 0)
        {
            return;
        }
        w.WriteLine("  labelled     given        members");
        foreach (var c in confusions)
        {
            w.WriteLine($"  {c.Labelled,-12} {c.Given,-12} {c.Members:N0}");
        }
    }

    private static void WriteErrors(TextWriter w, string title, IReadOnlyList<PairError> errors)
    {
        if (errors.Count == 0)
        {
            return;
        }
        w.WriteLine();
        w.WriteLine(title);
        foreach (var e in errors)
        {
            string scores = e.Jaccard is null ? "" : $"  jaccard {ClusterWriter.Number(e.Jaccard.Value)}  containment {ClusterWriter.Number(e.Containment ?? 0)}";
            w.WriteLine($"  {e.B} ({e.RoleB ?? "?"}, story {e.TrueClusterB}) in {e.PredictedB}; story {e.TrueClusterA} is in {e.PredictedA}{scores}");
        }
    }

    public static void WriteJson(TextWriter w, QualityReport r)
    {
        var options = new JsonSerializerOptions { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
        var shape = new
        {
            documents = r.Documents,
            missingFromPrediction = r.MissingFromPrediction,
            precision = r.Precision,
            recall = r.Recall,
            f1 = r.F1,
            adjustedRandIndex = r.AdjustedRandIndex,
            truePositivePairs = r.TruePositivePairs,
            predictedPairs = r.PredictedPairs,
            truePairs = r.TruePairs,
            roleRecall = r.RoleRecalls.ToDictionary(x => x.Role, x => new { recall = x.Recall, documents = x.Documents, found = x.Found }),
            canonical = new { accuracy = Share(r.CanonicalRight, r.CanonicalClusters), clusters = r.CanonicalClusters, right = r.CanonicalRight },
            roles = new { accuracy = Share(r.RolesRight, r.RoleMembers), members = r.RoleMembers, right = r.RolesRight, byLabel = r.RoleConfusions },
            falseMerges = r.FalseMerges,
            missedCopies = r.MissedCopies,
        };
        w.WriteLine(JsonSerializer.Serialize(shape, options));
    }
}
