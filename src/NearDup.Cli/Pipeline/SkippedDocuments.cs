using NearDup.Cli.Input;

namespace NearDup.Cli.Pipeline;

/// <summary>The end-of-run note of documents that --skip-invalid skipped: how many, and the first reasons.</summary>
internal static class SkippedDocuments
{
    public static void Report(DocumentReader reader)
    {
        if (reader.Skipped > 0)
        {
            Console.Error.WriteLine($"skipped {reader.Skipped:N0} invalid documents; first reasons:");
            foreach (string reason in reader.SkipReasons)
            {
                Console.Error.WriteLine("  " + reason);
            }
        }
    }
}
