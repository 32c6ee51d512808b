namespace NearDup.Clustering;

/// <summary>
/// Each group core's fingerprints that are not boilerplate, as <see cref="Boilerplate.CoreSizes"/> holds them, or
/// counted the first time they are asked for when the boilerplate stage left them out (in spill order, where counting
/// them all read every core once more). Workers may ask at once: two that count the same core store the same size.
/// </summary>
internal sealed class CoreSizes
{
    private readonly GroupLayout _groups;
    private readonly GroupCores _cores;
    private readonly Boilerplate _boilerplate;
    private readonly int[] _sizes;

    /// <summary>The sizes <paramref name="boilerplate"/> holds, or none counted yet when it holds none.</summary>
    public CoreSizes(GroupLayout groups, GroupCores cores, Boilerplate boilerplate)
    {
        (_groups, _cores, _boilerplate) = (groups, cores, boilerplate);
        if (boilerplate.CoreSizes.Length == groups.Count)
        {
            _sizes = boilerplate.CoreSizes;
            return;
        }
        _sizes = new int[groups.Count];
        Array.Fill(_sizes, -1);
    }

    /// <summary>Group <paramref name="g"/>'s core size without boilerplate.</summary>
    public int Of(int g)
    {
        int size = Volatile.Read(ref _sizes[g]);
        if (size < 0)
        {
            size = BoilerplateStage.CoreSize(_groups, _cores, _boilerplate.Filter, _boilerplate.Sizes, g);
            Volatile.Write(ref _sizes[g], size);
        }
        return size;
    }
}
