namespace NearDup.Persistence;

/// <summary>
/// What queries need from a clustering run, as an index of format 10 on saves it (the query state section): with it a
/// loaded index answers its first query without clustering all its documents again. Documents are numbered as in the
/// file (ordinal id order).
/// </summary>
/// <param name="GroupOf">Each document's strong group.</param>
/// <param name="Rep">Each group's representative.</param>
/// <param name="ClusterOf">Each document's cluster, numbered in output order (cluster c's id is <c>CanonicalStage.ClusterId(c, Clusters)</c>).</param>
/// <param name="Clusters">Number of clusters.</param>
/// <param name="Sizes">Each document's fingerprints that are not boilerplate.</param>
/// <param name="Boilerplate">The boilerplate fingerprints, strictly increasing.</param>
/// <param name="AnchorPostings">
/// The anchor table (<c>AnchorTable.Build</c>'s, over the groups' cores) as its lookup holds it: each posting
/// <c>(key &lt;&lt; 32) | group</c>, ascending.
/// </param>
internal sealed record SavedQueryState(int[] GroupOf, int[] Rep, int[] ClusterOf, int Clusters, int[] Sizes, uint[] Boilerplate, ulong[] AnchorPostings);
