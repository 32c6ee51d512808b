namespace NearDup.Clustering;

/// <summary>
/// The fingerprints of set number <paramref name="index"/> whose products <paramref name="keep"/> lets through
/// (<see cref="BoilerplateFilter.KeepPassing(ReadOnlySpan{uint}, PassingFilter, Span{uint})"/>), ascending: what boilerplate pass 2 counts, for a source that can filter
/// before it merges (a group's members, each filtered, so that only the few kept are merged).
/// </summary>
internal delegate ReadOnlySpan<uint> KeptFingerprintSource(int index, PassingFilter keep);
