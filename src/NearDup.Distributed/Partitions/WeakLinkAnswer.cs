namespace NearDup.Distributed.Partitions;

/// <summary>
/// What a document partition returns for a <see cref="WeakLinkRequest"/>: the pairs that are verified links, with their
/// scores (on the two groups' cores), the judge's verdict and the representatives' lead, and the pairs it could not
/// judge because a member of one of their groups is no longer as listed, which the run judges from its listing.
/// </summary>
/// <param name="Links">The verified links, as places in <see cref="WeakLinkRequest.Pairs"/>, ascending.</param>
/// <param name="Shared">Per link, the shared fingerprints of the two cores (<see cref="Clustering.Verifier.Score"/>).</param>
/// <param name="SizeA">Per link, the first core's size without boilerplate.</param>
/// <param name="SizeB">Per link, the second core's.</param>
/// <param name="Same">Per link, whether the judge calls the two groups one story.</param>
/// <param name="Leads">Per link, the representatives' lead (known for every copy; <see cref="Clustering.StoryJudge.UnknownLead"/> elsewhere).</param>
/// <param name="Unlisted">Places in <see cref="WeakLinkRequest.Pairs"/> of the pairs not judged here.</param>
[GenerateSerializer, Immutable, Alias("NearDup.WeakLinkAnswer")]
public sealed record WeakLinkAnswer([property: Id(0)] int[] Links, [property: Id(1)] int[] Shared, [property: Id(2)] int[] SizeA,
    [property: Id(3)] int[] SizeB, [property: Id(4)] bool[] Same, [property: Id(5)] sbyte[] Leads, [property: Id(6)] int[] Unlisted);
