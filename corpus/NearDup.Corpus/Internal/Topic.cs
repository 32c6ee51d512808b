namespace NearDup.Corpus.Internal;

/// <summary>
/// What a story is about: its cast (people with titles), places, organisations, a few dozen topic
/// words used at elevated rate, and one official statement. Stories in a hard-negative group are
/// written from the same topic, so they share names, places, the statement and vocabulary while
/// their sentences (and hence word 5-grams) differ.
/// </summary>
internal sealed class Topic
{
    private Topic(Person[] people, string[] places, string[] organisations, string[] words)
    {
        People = people;
        Places = places;
        Organisations = organisations;
        Words = words;
    }

    public Person[] People { get; }

    public string[] Places { get; }

    public string[] Organisations { get; }

    public string[] Words { get; }

    /// <summary>A short official statement (one clause) every story on the topic may quote.</summary>
    public string Statement { get; private set; } = "";

    public Person Official => People[0];

    public static Topic Create(ulong seed, ulong key)
    {
        var lex = Lexicon.Shared;
        var rng = Rng.For(seed, key, Streams.Topic);
        var places = new string[rng.Between(2, 4)];
        for (int i = 0; i < places.Length; i++)
        {
            places[i] = lex.Place(rng);
        }

        var orgs = new string[rng.Between(2, 3)];
        for (int i = 0; i < orgs.Length; i++)
        {
            orgs[i] = Organisation(rng, lex, places);
        }

        var people = new Person[rng.Between(4, 7)];
        for (int i = 0; i < people.Length; i++)
        {
            people[i] = Person.Create(rng, lex, rng.Pick(orgs));
        }

        // Topic words come from the middle of the Zipf ranks: specific, but not hapaxes.
        var words = new string[48];
        for (int i = 0; i < words.Length; i++)
        {
            words[i] = lex.Word((int)Math.Exp(rng.Between(Math.Log(150), Math.Log(20_000))));
        }

        var topic = new Topic(people, places, orgs, words);
        var prose = new ProseWriter(rng, topic, []);
        topic.Statement = prose.StatementClause();
        return topic;
    }

    public static string Organisation(Rng rng, Lexicon lex, string[] places) =>
        rng.Pick(lex.OrgPatterns).Replace("{P}", rng.Pick(places), StringComparison.Ordinal).Replace("{W}", lex.CapitalWord(rng), StringComparison.Ordinal);
}
