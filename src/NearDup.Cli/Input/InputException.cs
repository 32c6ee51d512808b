namespace NearDup.Cli.Input;

/// <summary>Bad input: the message names the file and line (or field) and says how to fix it.</summary>
internal sealed class InputException(string message) : Exception(message);
