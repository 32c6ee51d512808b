using System.CommandLine;

namespace NearDup.Cli.Commands;

/// <summary>
/// Range rules checked on the command line, so that a value out of range is refused by its flag ("--page-size must be
/// at least 1; got 0.") before anything is read, not by the property of a library type it would have set.
/// </summary>
internal static class OptionRules
{
    /// <summary>Refuses a value of <paramref name="option"/> below <paramref name="min"/>.</summary>
    public static T AtLeast<T>(this T option, long min)
        where T : Option
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token, ..] && long.TryParse(token.Value, out long value) && value < min)
            {
                result.AddError($"{option.Name} must be at least {min}; got {token.Value}.");
            }
        });
        return option;
    }

    /// <summary>Refuses a thread count other than -1 (all cores) or a positive number.</summary>
    public static Option<int> Threads(this Option<int> option)
    {
        option.Validators.Add(result =>
        {
            if (result.Tokens is [var token, ..] && int.TryParse(token.Value, out int value) && value is 0 or < -1)
            {
                result.AddError($"{option.Name} must be -1 or at least 1; got {token.Value}.");
            }
        });
        return option;
    }
}
