namespace NearDup.Corpus.Internal;

/// <summary>
/// How many copies a story gets and of which kinds, from the mix in <see cref="CorpusOptions"/>. Copy counts are
/// geometric, P(k) = (1 - q) q^k with mean q / (1 - q) = copies per original, so the copy rates come out as
/// fractions of all documents on average. Each story draws from its own stream (seed, story, <see cref="Streams.Plan"/>).
/// </summary>
internal sealed class CopyPlan
{
    private const int MaxCopiesPerStory = 60;

    private static readonly string[] s_copyRoles = [DocumentRoles.Exact, DocumentRoles.Syndicated, DocumentRoles.Rewritten, DocumentRoles.Excerpt];

    private readonly ulong _seed;
    private readonly double _continueCopies;
    private readonly double[] _copyRoleCdf;

    public CopyPlan(CorpusOptions options)
    {
        _seed = options.Seed;
        double mean = (1 - options.OriginalRate) / options.OriginalRate;
        _continueCopies = mean / (1 + mean);
        double[] rates = [options.ExactRate, options.SyndicatedRate, options.RewrittenRate, options.ExcerptRate];
        double total = rates.Sum();
        _copyRoleCdf = new double[rates.Length];
        double acc = 0;
        for (int i = 0; i < rates.Length; i++)
        {
            acc += total > 0 ? rates[i] / total : 0;
            _copyRoleCdf[i] = acc;
        }
    }

    /// <summary>The story's roles, <see cref="DocumentRoles.Original"/> first, at most <paramref name="budget"/> of them.</summary>
    public string[] Roles(long story, int budget)
    {
        var rng = Rng.For(_seed, (ulong)story, Streams.Plan);
        int copies = 0;
        while (copies < MaxCopiesPerStory && rng.Chance(_continueCopies))
        {
            copies++;
        }

        copies = Math.Min(copies, budget - 1);
        var roles = new string[1 + copies];
        roles[0] = DocumentRoles.Original;
        for (int i = 1; i < roles.Length; i++)
        {
            double u = rng.NextDouble();
            int k = 0;
            while (k < s_copyRoles.Length - 1 && u >= _copyRoleCdf[k])
            {
                k++;
            }

            roles[i] = s_copyRoles[k];
        }

        return roles;
    }
}
