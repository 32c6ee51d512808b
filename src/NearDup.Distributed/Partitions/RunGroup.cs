namespace NearDup.Distributed.Partitions;

/// <summary>
/// A group a document partition keeps for a batch run, as the run listed it: its members, their listed content hashes,
/// its representative and, for a group of several, the core the partition computed (<see cref="PartitionGroupCores"/>),
/// so that the partitions judging its weak links need neither compute it again nor read its other members.
/// </summary>
/// <param name="Ids">The members, in ordinal order of id.</param>
/// <param name="Content">The listed content hash of each member.</param>
/// <param name="Representative">The representative's place among <see cref="Ids"/>.</param>
/// <param name="Core">The core relative to the representative's fingerprints; null for a group of one, whose core is its member's fingerprints.</param>
internal sealed record RunGroup(string[] Ids, ulong[] Content, int Representative, RelativeCore? Core)
{
    /// <summary>
    /// The members the weak links' judge reads (<see cref="Clustering.StoryJudge"/>'s closest members): every member of
    /// a group of up to <see cref="Clustering.StoryJudge.MaxJudgedMembers"/>, the representative alone of a larger one.
    /// </summary>
    public bool JudgedOnRepresentative => Ids.Length > Clustering.StoryJudge.MaxJudgedMembers;
}
