namespace NearDup.Tests.Cli;

/// <summary>Tests that swap Console.Out and Console.Error: they run one at a time, after the parallel ones.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ConsoleCollection
{
    public const string Name = "Console";
}

/// <summary>Runs the CLI in-process through <c>Program.Main</c>, capturing what it writes to Console.Out and Console.Error.</summary>
internal static class CliHarness
{
    /// <summary>A document long enough to have shingles, for tests that need a valid line beside a bad one.</summary>
    public const string Story = "the council voted on tuesday to rebuild the old harbour bridge after years of delay and rising repair costs";

    public static (int Exit, string Out, string Error) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var oldOut = Console.Out;
        var oldError = Console.Error;
        try
        {
            Console.SetOut(output);
            Console.SetError(error);
            int exit = NearDup.Cli.Program.Main(args);
            return (exit, output.ToString(), error.ToString());
        }
        finally
        {
            Console.SetOut(oldOut);
            Console.SetError(oldError);
        }
    }

    /// <summary>Writes a JSONL file of raw lines (bytes, so tests can put invalid UTF-8 in them).</summary>
    public static string WriteLines(string folder, string name, params byte[][] lines)
    {
        string path = Path.Combine(folder, name);
        using var file = File.Create(path);
        foreach (byte[] line in lines)
        {
            file.Write(line);
            file.WriteByte((byte)'\n');
        }
        return path;
    }

    /// <summary>Writes <paramref name="count"/> distinct documents with ids PREFIX0, PREFIX1, …; returns the path.</summary>
    public static string WriteNumbered(string folder, string name, string prefix, int count)
    {
        var text = new System.Text.StringBuilder();
        for (int i = 0; i < count; i++)
        {
            string id = prefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            text.Append("{\"id\":\"").Append(id).Append("\",\"text\":\"").Append(Story).Append(' ').Append(id).Append(" and its own words ").Append(i * 7919).Append("\"}\n");
        }
        string path = Path.Combine(folder, name);
        File.WriteAllText(path, text.ToString());
        return path;
    }

    public static byte[] Line(string id, string text) => System.Text.Encoding.UTF8.GetBytes(System.Text.Json.JsonSerializer.Serialize(new { id, text }));
}
