using NearDup.Cli.Input;

namespace NearDup.Cli.Commands;

/// <summary>What <c>neardup bench</c> was asked to run: the input (null to generate <c>Documents</c> with <c>Seed</c>), the labels, the configurations, whether to time the stages, and the threads.</summary>
internal sealed record BenchRequest(string? Input, InputOptions InputOptions, int Documents, ulong Seed, string? LabelsPath,
    IReadOnlyList<BenchConfig> Configs, bool Stages, int Threads);
