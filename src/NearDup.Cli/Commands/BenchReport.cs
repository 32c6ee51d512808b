namespace NearDup.Cli.Commands;

/// <summary>A <c>neardup bench</c> report: the corpus, the machine, and each configuration's results in the order given.</summary>
internal sealed record BenchReport(CorpusInfo Corpus, MachineInfo Machine, IReadOnlyList<ConfigResult> Configs);
