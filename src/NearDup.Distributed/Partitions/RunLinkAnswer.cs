namespace NearDup.Distributed.Partitions;

/// <summary>
/// The weak links a document partition verified and judged for a batch run (<see cref="RunLinkRequest"/>): only the
/// links kept, each with its score, verdict and lead, under the run's group numbers.
/// </summary>
/// <param name="Links">The verified links, packed (smaller, larger) run group numbers, ascending.</param>
/// <param name="Shared">Per link, the shared fingerprints without boilerplate.</param>
/// <param name="SizeA">Per link, the first core's size without boilerplate.</param>
/// <param name="SizeB">Per link, the second core's.</param>
/// <param name="Same">Per link, whether the judge calls the two groups one story.</param>
/// <param name="Leads">Per link, the representatives' lead (known for every copy; <see cref="Clustering.StoryJudge.UnknownLead"/> elsewhere).</param>
/// <param name="Unlisted">The pairs not judged: a member changed or gone since the listing.</param>
/// <param name="AnchorCandidates">The anchor candidates the partition's pair range held.</param>
[GenerateSerializer, Immutable, Alias("NearDup.RunLinkAnswer")]
public sealed record RunLinkAnswer([property: Id(0)] long[] Links, [property: Id(1)] int[] Shared, [property: Id(2)] int[] SizeA,
    [property: Id(3)] int[] SizeB, [property: Id(4)] bool[] Same, [property: Id(5)] sbyte[] Leads, [property: Id(6)] long[] Unlisted,
    [property: Id(7)] int AnchorCandidates);
