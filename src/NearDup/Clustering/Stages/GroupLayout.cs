namespace NearDup.Clustering;

/// <summary>
/// The groups and their members, contiguous (CSR: not a list per group, which is millions of objects at ten million
/// documents). Documents are in id order, so each group's run is sorted. Kept after clustering for queries.
/// </summary>
/// <param name="GroupOf">Each document's group.</param>
/// <param name="Rep">Each group's representative: its canonical when the group is a cluster's center.</param>
/// <param name="Starts">Group g's members are <c>Members[Starts[g]..Starts[g + 1]]</c>.</param>
/// <param name="Members">The documents, group by group.</param>
internal sealed record GroupLayout(int[] GroupOf, int[] Rep, int[] Starts, int[] Members)
{
    public int Count => Rep.Length;

    public ReadOnlySpan<int> MembersOf(int g) => Members.AsSpan(Starts[g], Starts[g + 1] - Starts[g]);

    public int Size(int g) => Starts[g + 1] - Starts[g];
}
