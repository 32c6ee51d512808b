using NearDup.Cli.Input;
using NearDup.Clustering;

namespace NearDup.Cli.Dedup;

/// <summary>What <c>neardup dedup</c> was asked: the paths and every option, parsed and checked; <paramref name="OutputFormat"/> null for the input's own.</summary>
internal sealed record DedupRequest(string Input, string Output, string? Removed, InputOptions InputOptions, NearDupOptions Engine, DedupOptions Dedup,
    DedupFormat? OutputFormat = null);
