namespace NearDup.Clustering;

/// <summary>Each group's neighbours, contiguous (CSR): group g's are <c>List[Starts[g]..Starts[g + 1]]</c>.</summary>
internal readonly record struct Adjacency(int[] Starts, int[] List)
{
    public ReadOnlySpan<int> Of(int g) => List.AsSpan(Starts[g], Starts[g + 1] - Starts[g]);
}
