using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// An open connection, plus (for writes in some dialects) a writer lock released after the connection is returned to
/// its pool. Dispose it, with <c>await using</c>.
/// </summary>
public sealed class DbConnectionLease : IAsyncDisposable
{
    private SemaphoreSlim? _writeLock;

    /// <param name="connection">An open connection, owned by the lease from now on.</param>
    /// <param name="writeLock">A semaphore the caller already entered; released on dispose.</param>
    public DbConnectionLease(DbConnection connection, SemaphoreSlim? writeLock = null)
    {
        Connection = connection;
        _writeLock = writeLock;
    }

    public DbConnection Connection { get; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Exchange(ref _writeLock, null)?.Release();
        }
    }
}
