using System.Globalization;
using System.Text;
using System.Text.Json;
using NearDup.Clustering;

namespace NearDup.Cli.Output;

/// <summary>Writes clusters and pairs; the same result always gives the same bytes.</summary>
internal static class ClusterWriter
{
    private static readonly JsonWriterOptions s_jsonOptions = new() { Indented = false, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string RoleName(CopyRole role) => role switch
    {
        CopyRole.Canonical => "canonical",
        CopyRole.Exact => "exact",
        CopyRole.Syndicated => "syndicated",
        CopyRole.Rewritten => "rewritten",
        CopyRole.Excerpt => "excerpt",
        _ => role.ToString().ToLowerInvariant(),
    };

    public static void WriteClusters(Stream stream, IReadOnlyList<DocumentCluster> clusters, OutputFormat format)
    {
        switch (format)
        {
            case OutputFormat.Jsonl:
                using (var json = new Utf8JsonWriter(stream, s_jsonOptions))
                {
                    foreach (var cluster in clusters)
                    {
                        json.WriteStartObject();
                        json.WriteString("cluster", cluster.Id);
                        json.WriteString("canonical", cluster.Canonical);
                        json.WriteNumber("size", cluster.Members.Count);
                        json.WriteStartArray("members");
                        foreach (var member in cluster.Members)
                        {
                            json.WriteStartObject();
                            json.WriteString("id", member.Id);
                            json.WriteString("role", RoleName(member.Role));
                            json.WriteNumber("jaccard", member.Jaccard);
                            json.WriteNumber("containment", member.Containment);
                            json.WriteEndObject();
                        }
                        json.WriteEndArray();
                        json.WriteEndObject();
                        json.Flush();
                        stream.WriteByte((byte)'\n');
                        json.Reset();
                    }
                }
                break;
            case OutputFormat.Parquet:
                ParquetClusterWriter.Write(stream, clusters);
                break;
            case OutputFormat.Csv:
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
                {
                    writer.WriteLine("cluster,canonical,id,role,jaccard,containment");
                    foreach (var cluster in clusters)
                    {
                        foreach (var member in cluster.Members)
                        {
                            writer.WriteLine(string.Join(',', Csv(cluster.Id), Csv(cluster.Canonical), Csv(member.Id), RoleName(member.Role),
                                Number(member.Jaccard), Number(member.Containment)));
                        }
                    }
                }
                break;
            default:
                using (var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" })
                {
                    WriteSummary(writer, clusters);
                }
                break;
        }
    }

    public static void WriteSummary(TextWriter writer, IReadOnlyList<DocumentCluster> clusters)
    {
        int documents = clusters.Sum(c => c.Members.Count);
        var copies = clusters.Where(c => c.Members.Count > 1).ToArray();
        var roles = clusters.SelectMany(c => c.Members).GroupBy(m => m.Role).ToDictionary(g => g.Key, g => g.Count());
        writer.WriteLine($"{documents} documents in {clusters.Count} clusters; {copies.Length} stories have copies.");
        writer.WriteLine(string.Join(", ", Enum.GetValues<CopyRole>().Where(r => r != CopyRole.Canonical)
            .Select(r => $"{RoleName(r)}: {roles.GetValueOrDefault(r)}")));
        foreach (var cluster in copies)
        {
            writer.WriteLine();
            writer.WriteLine($"{cluster.Id}  {cluster.Members.Count} documents, canonical {cluster.Canonical}");
            foreach (var member in cluster.Members.Skip(1))
            {
                writer.WriteLine($"  {RoleName(member.Role),-10} {member.Id}  jaccard {Number(member.Jaccard)}  containment {Number(member.Containment)}");
            }
        }
    }

    /// <summary>
    /// Writes the verified pairs; <paramref name="described"/> (one per pair, from the texts) adds the kind of each
    /// reuse link and the shared passages as character ranges to JSONL, and the kind to CSV and text.
    /// </summary>
    public static void WritePairs(Stream stream, IReadOnlyList<VerifiedPair> pairs, OutputFormat format, IReadOnlyList<PairDescription?>? described = null)
    {
        if (format == OutputFormat.Jsonl)
        {
            using var json = new Utf8JsonWriter(stream, s_jsonOptions);
            for (int k = 0; k < pairs.Count; k++)
            {
                WritePair(json, pairs[k], described?[k]);
                json.Flush();
                stream.WriteByte((byte)'\n');
                json.Reset();
            }
            return;
        }
        using var writer = new StreamWriter(stream, new UTF8Encoding(false), 1 << 16, leaveOpen: true) { NewLine = "\n" };
        if (format == OutputFormat.Csv)
        {
            writer.WriteLine("a,b,jaccard,containment,containment_a,containment_b,shared,relation,kind");
        }
        for (int k = 0; k < pairs.Count; k++)
        {
            var pair = pairs[k];
            string kind = described?[k]?.Kind ?? "";
            writer.WriteLine(format == OutputFormat.Csv
                ? string.Join(',', Csv(pair.First), Csv(pair.Second), Number(pair.Jaccard), Number(pair.Containment), Number(pair.ContainmentOfFirst),
                    Number(pair.ContainmentOfSecond), pair.SharedShingles.ToString(CultureInfo.InvariantCulture), RelationName(pair.Relation), kind)
                : $"{pair.First}  {pair.Second}  jaccard {Number(pair.Jaccard)}  containment {Number(pair.Containment)}  shared {pair.SharedShingles}  {RelationName(pair.Relation)}"
                    + (kind.Length > 0 ? "  " + kind : ""));
        }
    }

    private static void WritePair(Utf8JsonWriter json, VerifiedPair pair, PairDescription? description)
    {
        json.WriteStartObject();
        json.WriteString("a", pair.First);
        json.WriteString("b", pair.Second);
        json.WriteNumber("jaccard", pair.Jaccard);
        json.WriteNumber("containment", pair.Containment);
        json.WriteNumber("containmentA", pair.ContainmentOfFirst);
        json.WriteNumber("containmentB", pair.ContainmentOfSecond);
        json.WriteNumber("shared", pair.SharedShingles);
        json.WriteString("relation", RelationName(pair.Relation));
        if (description is not null)
        {
            if (description.Kind is not null)
            {
                json.WriteString("kind", description.Kind);
            }
            json.WriteStartArray("passages");
            foreach (var passage in description.Passages)
            {
                json.WriteStartArray();
                json.WriteNumberValue(passage.AStart);
                json.WriteNumberValue(passage.AEnd);
                json.WriteNumberValue(passage.BStart);
                json.WriteNumberValue(passage.BEnd);
                json.WriteEndArray();
            }
            json.WriteEndArray();
        }
        json.WriteEndObject();
    }

    private static string RelationName(PairRelation relation) => relation == PairRelation.Reuse ? "reuse" : "copy";

    public static string Number(double x) => x.ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>
    /// A CSV cell for an id, quoted when it holds a comma, quote or line break. A cell that starts with <c>=</c>,
    /// <c>+</c>, <c>-</c>, <c>@</c>, a tab or a carriage return is a formula to a spreadsheet (CSV injection), so it gets
    /// a leading <c>'</c>, as OWASP's "CSV Injection" page recommends: the spreadsheet shows the text, and a program
    /// that reads the CSV sees the quote (an id <c>-1</c> is written <c>'-1</c>).
    /// </summary>
    internal static string Csv(string field)
    {
        if (field.Length > 0 && field[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            field = "'" + field;
        }
        return field.AsSpan().IndexOfAny(",\"\n\r") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
    }
}
