using Npgsql;

namespace NearDup.Distributed.Hosting;

/// <summary>How the PostgreSQL-backed providers (grain storage, membership) run a call.</summary>
internal static class PostgresCall
{
    /// <summary>Attempts of a call the server refused for want of connections (nothing ran), a second apart and more.</summary>
    private const int ConnectionAttempts = 8;

    /// <summary>
    /// Runs a call, turning a PostgreSQL failure into an <see cref="OrleansException"/> with its message: Orleans cannot
    /// serialize Npgsql's exceptions, so the caller would otherwise get a codec error instead of the reason. A server out
    /// of connections (53300, a server shared with other clients) refused the connection before anything ran, so the call
    /// is tried again a few times first.
    /// </summary>
    /// <param name="what">Names the provider in the message (a table, "membership").</param>
    /// <param name="call">The call.</param>
    public static async Task<T> Reported<T>(string what, Func<Task<T>> call)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.TooManyConnections && attempt < ConnectionAttempts)
            {
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (NpgsqlException e)
            {
                throw new OrleansException($"PostgreSQL ({what}): {e.Message}");
            }
        }
    }

    /// <inheritdoc cref="Reported{T}(string, Func{Task{T}})"/>
    public static Task Reported(string what, Func<Task> call) => Reported(what, async () =>
    {
        await call();
        return true;
    });
}
