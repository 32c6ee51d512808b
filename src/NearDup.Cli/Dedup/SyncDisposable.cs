namespace NearDup.Cli.Dedup;

/// <summary>Holds a Parquet.Net reader or writer, which is only asynchronously disposable, for a <c>using</c> in synchronous code.</summary>
internal readonly struct SyncDisposable<T>(T value) : IDisposable
    where T : IAsyncDisposable
{
    public T Value => value;

    public void Dispose() => value.DisposeAsync().AsTask().GetAwaiter().GetResult();
}
