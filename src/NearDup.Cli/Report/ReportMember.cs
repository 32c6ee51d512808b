using NearDup.Clustering;

namespace NearDup.Cli.Report;

/// <summary>One member of a cluster, as read from the clusters JSONL.</summary>
/// <param name="Id">Document id.</param>
/// <param name="Role">How the member relates to the cluster's canonical document.</param>
/// <param name="Jaccard">Jaccard similarity with the canonical document, 0..1.</param>
/// <param name="Containment">Share of the member's shingles found in the canonical document, 0..1.</param>
internal sealed record ReportMember(string Id, CopyRole Role, double Jaccard, double Containment);
