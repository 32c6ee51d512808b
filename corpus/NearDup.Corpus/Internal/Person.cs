namespace NearDup.Corpus.Internal;

/// <summary>A named person in a topic's cast: the names, titles and organisations hard negatives share.</summary>
internal sealed class Person(string first, string last, string title, string organisation, bool female)
{
    public string First { get; } = first;

    public string Last { get; } = last;

    public string Title { get; } = title;

    public string Organisation { get; } = organisation;

    public bool Female { get; } = female;

    public string FullName => First + " " + Last;

    public static Person Create(Rng rng, Lexicon lex, string organisation) =>
        new(lex.FirstName(rng), lex.LastName(rng), rng.Pick(lex.Titles), organisation, rng.Chance(0.5));
}
