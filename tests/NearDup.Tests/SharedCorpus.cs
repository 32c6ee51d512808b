namespace NearDup.Tests;

/// <summary>Finds <c>../shared/corpus/seeds</c> beside the checkout, where it exists.</summary>
internal static class SharedCorpus
{
    public static string? SeedsDirectory
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NearDup.sln")))
                {
                    string seeds = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "corpus", "seeds"));
                    return Directory.Exists(seeds) ? seeds : null;
                }
            }
            return null;
        }
    }

    /// <summary>The repository root (the folder holding NearDup.sln).</summary>
    public static string RepositoryRoot
    {
        get
        {
            for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "NearDup.sln")))
                {
                    return dir.FullName;
                }
            }
            throw new InvalidOperationException("NearDup.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
