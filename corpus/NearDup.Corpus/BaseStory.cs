namespace NearDup.Corpus;

/// <summary>A real story that <see cref="StoryCopyGenerator"/> makes copies of.</summary>
/// <param name="Id">Unique id; it names the story's cluster in the labels.</param>
/// <param name="Text">The text: a short first line without a full stop is taken as the headline, blank lines separate paragraphs.</param>
public sealed record BaseStory(string Id, string Text);
