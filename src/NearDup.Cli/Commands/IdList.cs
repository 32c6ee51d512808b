using NearDup.Cli.Input;

namespace NearDup.Cli.Commands;

/// <summary>A file of document ids, one a line (index remove, remote remove), or - for stdin.</summary>
internal static class IdList
{
    /// <summary>The ids of <paramref name="path"/> with their line numbers, for errors that name the line.</summary>
    public static IEnumerable<(long Line, string Id)> Read(string path)
    {
        TextReader reader;
        if (path == "-")
        {
            reader = Console.In;
        }
        else
        {
            if (!File.Exists(path))
            {
                throw new InputException($"{path}: no such file (give a file of ids, one per line, or - for stdin).");
            }
            try
            {
                reader = new StreamReader(path, System.Text.Encoding.UTF8);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new InputException($"{path}: cannot be read ({e.Message}).");
            }
        }
        try
        {
            long line = 0;
            while (reader.ReadLine() is { } id)
            {
                line++;
                // The id is the whole line (ids may hold spaces); blank lines are skipped.
                if (!string.IsNullOrWhiteSpace(id))
                {
                    yield return (line, id);
                }
            }
        }
        finally
        {
            if (path != "-")
            {
                reader.Dispose();
            }
        }
    }
}
