namespace NearDup.Corpus.Internal;

/// <summary>
/// A small English synonym table for spinning real news text, in the manner of article spinners: frequent function
/// words and common news verbs, nouns and adjectives, each with replacements that mostly keep the sentence readable.
/// Inflected forms are listed as words of their own. Keys are lower case; a replacement may be several words.
/// </summary>
internal static class EnglishSynonyms
{
    private static readonly string[] s_entries =
    [
        // Function words and connectives: the bulk of running text, so they decide how many 5-grams survive.
        "and:as well as|plus|along with", "but:however|yet|though", "in:within|inside|in the course of", "on:upon|concerning",
        "with:alongside|together with|using", "from:out of|via", "by:through|via", "about:regarding|concerning|around",
        "after:following|right after|subsequent to", "before:prior to|ahead of", "during:throughout|over the course of",
        "while:whilst|whereas", "because:since|as|due to the fact that", "also:additionally|likewise|too", "that:which",
        "is:remains|is actually", "are:remain|are actually", "was:had been|became", "were:had been|became", "has:possesses|has got",
        "have:possess|have got", "will:is going to|shall", "would:might|could", "could:might|may", "can:may|could", "should:ought to",
        "not:never|not really", "now:currently|at present|right now", "still:nevertheless|yet", "only:just|merely|solely",
        "already:by now|previously", "very:extremely|really|highly", "more:additional|extra|further", "most:the majority of",
        "many:numerous|plenty of|lots of", "some:a few|certain", "several:a number of|various", "all:every one of|all of",
        "over:more than|above", "under:beneath|below", "against:versus|in opposition to", "between:among", "into:in to",
        "around:roughly|about", "than:compared to", "however:nevertheless|nonetheless|even so", "although:even though|though",
        "if:whether|in case", "when:whenever|once", "just:simply|merely", "again:once more|once again", "there:at that place",
        "its:their", "their:its", "they:these people", "he:the man", "she:the woman", "it:this",
        // Reporting verbs.
        "said:stated|mentioned|noted|added|explained", "says:states|mentions|notes|explains", "told:informed|advised",
        "added:included|further said", "announced:declared|revealed", "claimed:alleged|asserted", "warned:cautioned|alerted",
        "reported:described|revealed", "expected:anticipated|predicted", "believe:think|consider", "believes:thinks|considers",
        "think:believe|feel", "thinks:believes|feels", "thought:believed|felt",
        // Common verbs.
        "make:create|produce|generate", "made:created|produced|generated", "makes:creates|produces", "get:obtain|acquire|receive",
        "got:obtained|acquired|received", "take:consider|accept|acquire", "took:accepted|acquired", "give:provide|offer",
        "gave:provided|offered", "show:demonstrate|reveal|indicate", "shows:demonstrates|reveals|indicates", "showed:demonstrated|revealed",
        "help:assist|aid", "helped:assisted|aided", "need:require|want", "needs:requires|wants", "use:utilize|employ",
        "used:utilized|employed", "want:wish|desire", "wants:wishes|desires", "wanted:wished|desired", "start:begin|commence",
        "started:began|commenced", "begin:start|commence", "began:started|commenced", "end:finish|conclude", "ended:finished|concluded",
        "keep:maintain|retain", "find:discover|locate", "found:discovered|located", "buy:purchase|acquire", "bought:purchased|acquired",
        "sell:market|offload", "sold:marketed|offloaded", "rise:increase|climb", "rose:increased|climbed|went up", "fell:dropped|declined|went down",
        "fall:drop|decline", "increase:rise|growth|boost", "cut:reduce|lower", "cuts:reductions|reduces", "raise:increase|lift",
        "plan:scheme|proposal|strategy", "plans:schemes|proposals|intends", "try:attempt|seek", "tried:attempted|sought",
        "win:secure|claim", "won:secured|claimed", "lost:misplaced|lost out on", "look:appear|seem", "see:observe|notice",
        "saw:observed|noticed", "come:arrive|appear", "came:arrived|appeared", "go:proceed|head", "went:proceeded|headed",
        "put:placed|set", "set:established|placed", "run:operate|manage", "called:named|termed", "move:step|shift",
        "hit:struck|affected", "face:confront|encounter", "faces:confronts|encounters", "allow:permit|enable",
        "include:comprise|contain", "included:comprised|contained", "remain:stay|continue to be", "become:turn into|grow to be",
        // Nouns.
        "people:individuals|persons|folks", "year:12 months|twelve months", "years:many years|yrs", "time:period|occasion",
        "government:administration|authorities|state", "company:firm|business|corporation", "firm:company|business",
        "firms:companies|businesses", "companies:firms|businesses", "market:marketplace|sector", "country:nation|state",
        "world:globe|planet", "number:quantity|amount", "figures:numbers|data|statistics", "report:account|study",
        "decision:choice|ruling", "problem:issue|difficulty", "problems:issues|difficulties", "issue:problem|matter",
        "issues:problems|matters", "way:means|method", "part:portion|section", "group:team|body", "deal:agreement|arrangement",
        "chief:head|boss", "officials:authorities|representatives", "minister:secretary", "spokesman:representative|spokesperson",
        "money:cash|funds", "prices:costs|rates", "price:cost|rate", "sales:revenue|turnover", "profits:earnings|gains",
        "profit:earnings|gain", "growth:expansion|development", "economy:economic system", "jobs:positions|roles",
        "job:position|role", "case:instance|matter", "week:seven days", "month:thirty days", "day:date", "game:match|contest",
        "match:game|fixture", "team:squad|side", "film:movie|picture", "films:movies|pictures", "show:programme|series",
        "music:songs", "star:celebrity", "fans:supporters|followers", "club:team|side", "season:campaign|term",
        "election:vote|poll", "party:organisation|group", "leader:head|chief", "plans:proposals|schemes", "move:step|decision",
        "users:customers|consumers", "service:system", "services:systems|facilities", "technology:tech|technologies",
        "research:study|analysis", "study:research|analysis", "change:shift|alteration", "changes:alterations|modifications",
        "support:backing|help", "attack:assault|strike", "news:information|reports",
        // Adjectives and adverbs.
        "new:fresh|brand new|recent", "big:large|huge|major", "large:big|huge|sizeable", "small:little|modest|minor",
        "important:essential|crucial|significant", "major:key|significant|main", "good:great|fine|decent", "bad:poor|awful",
        "best:finest|greatest", "high:substantial|elevated", "low:reduced|modest", "first:initial|very first", "last:final|previous",
        "next:following|upcoming", "former:previous|past", "recent:latest|current", "current:present|existing",
        "possible:potential|feasible", "likely:probable|expected", "different:distinct|various", "main:primary|principal",
        "top:leading|best", "early:initial|premature", "late:delayed|overdue", "strong:powerful|robust", "hard:difficult|tough",
        "clear:obvious|evident", "full:complete|entire", "long:lengthy|extended", "whole:entire|complete", "real:actual|genuine",
        "public:general public|people", "local:regional|area", "national:nationwide|countrywide", "international:global|worldwide",
        "quickly:rapidly|swiftly", "recently:lately|not long ago", "nearly:almost|practically", "really:truly|actually",
        "probably:most likely|perhaps", "currently:at present|presently", "expected:anticipated|predicted",
    ];

    private static readonly Dictionary<string, string[]> s_table = Build();
    private static readonly Dictionary<string, string[]>.AlternateLookup<ReadOnlySpan<char>> s_bySpan = s_table.GetAlternateLookup<ReadOnlySpan<char>>();

    /// <summary>Replacements for a lower-case word, if the table has it.</summary>
    public static bool TryGet(ReadOnlySpan<char> lowerWord, out string[] synonyms) => s_bySpan.TryGetValue(lowerWord, out synonyms!);

    private static Dictionary<string, string[]> Build()
    {
        var table = new Dictionary<string, string[]>(s_entries.Length, StringComparer.Ordinal);
        foreach (string entry in s_entries)
        {
            int colon = entry.IndexOf(':', StringComparison.Ordinal);
            // A word listed twice (a noun and a verb) keeps its first line.
            table.TryAdd(entry[..colon], entry[(colon + 1)..].Split('|'));
        }

        return table;
    }
}
