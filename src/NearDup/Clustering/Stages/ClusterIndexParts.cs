namespace NearDup.Clustering;

/// <summary>What a finished clustering run keeps: its result, and what queries against it need.</summary>
/// <param name="Docs">The documents, numbered by ordinal id.</param>
/// <param name="Options">The run's options.</param>
/// <param name="Verifier">The verifier without boilerplate (its <see cref="Verifier.Boilerplate"/> is the filter).</param>
/// <param name="Sizes">Each document's fingerprints that are not boilerplate.</param>
/// <param name="Groups">The strong groups and their members.</param>
/// <param name="Clusters">Where each document went.</param>
/// <param name="Result">The clusters, pairs and statistics the caller gets; null for a query state loaded from an index, which
/// keeps only what queries need (its <see cref="ClusterList.Clusters"/> is empty).</param>
/// <param name="CommonFacts">The facts the judge leaves out (<see cref="Clustering.CommonFacts"/>).</param>
internal sealed record ClusterIndexParts(DocumentTable Docs, NearDupOptions Options, Verifier Verifier, int[] Sizes, GroupLayout Groups,
    ClusterList Clusters, ClusteringResult? Result, CommonFacts CommonFacts);
