namespace NearDup.Distributed;

/// <summary>
/// A batch run's step followed by the drop of what it keeps at the grains, so that neither hides the other's failure.
/// A drop in a plain <c>finally</c> that throws while the step's exception is in flight replaces that exception, and
/// the caller then sees "the drop failed" instead of why the run failed. Here a step that failed rethrows its own
/// exception, carrying the drop's failure in <see cref="Exception.Data"/> (<see cref="DropFailureKey"/>); a step that
/// succeeded lets the drop's failure through, since then it is the only one.
/// </summary>
internal static class RunCleanup
{
    /// <summary>Key in a failed step's <see cref="Exception.Data"/> of the drop that failed after it (its type and message).</summary>
    public const string DropFailureKey = "NearDup.DropFailure";

    /// <summary>Runs <paramref name="step"/>, then <paramref name="drop"/>, whether the step succeeded or not.</summary>
    public static async Task<T> ThenDropAsync<T>(Func<Task<T>> step, Func<Task> drop)
    {
        T result;
        try
        {
            result = await step();
        }
        catch (Exception failure)
        {
            await DropAfterAsync(failure, drop);
            throw;
        }
        await drop();
        return result;
    }

    /// <summary>Runs <paramref name="step"/>, then <paramref name="drop"/> if the step failed (a step that frees its state itself when it ends well).</summary>
    public static async Task<T> DropIfFailedAsync<T>(Func<Task<T>> step, Func<Task> drop)
    {
        try
        {
            return await step();
        }
        catch (Exception failure)
        {
            await DropAfterAsync(failure, drop);
            throw;
        }
    }

    private static async Task DropAfterAsync(Exception failure, Func<Task> drop)
    {
        try
        {
            await drop();
        }
        catch (Exception dropFailure)
        {
            failure.Data[DropFailureKey] = $"{dropFailure.GetType().Name}: {dropFailure.Message}";
        }
    }
}
