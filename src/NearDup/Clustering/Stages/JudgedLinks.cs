namespace NearDup.Clustering;

/// <summary>
/// Verified weak links with the judge's verdict: what <see cref="WeakLinkStage"/> decides for a set of candidate pairs,
/// before it splits them into copies and reuse.
/// </summary>
/// <param name="Links">The links that passed verification (<see cref="Verifier.IsLink"/>, then <see cref="Verifier.IsCopy"/> or a shared passage), sorted.</param>
/// <param name="Same">Per link, whether the judge calls the two groups one story.</param>
/// <param name="Leads">
/// Per link, the <see cref="StoryJudge.Lead(int, int)"/> of the groups' representatives where it is known
/// (<see cref="StoryJudge.UnknownLead"/> elsewhere; <see cref="WeakLinkStage.FillLeads"/> measures every copy's).
/// </param>
internal sealed record JudgedLinks(WeakEdges Links, bool[] Same, sbyte[] Leads);
