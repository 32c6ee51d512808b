using NearDup.Evaluation;

namespace NearDup.Cli.Commands;

/// <summary>What one configuration gave: its end-to-end run, its stages (empty unless asked for), and its quality (null without labels).</summary>
internal sealed record ConfigResult(BenchConfig Config, EndToEndResult EndToEnd, StageResult[] Stages, QualityReport? Quality);
