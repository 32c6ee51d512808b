namespace NearDup.Persistence;

/// <summary>Another writer holds the index's lock file (see <see cref="IndexLock"/>); the message names it.</summary>
internal sealed class IndexLockedException(string message) : IOException(message);
