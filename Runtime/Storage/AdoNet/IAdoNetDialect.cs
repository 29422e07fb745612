using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// What differs between the databases behind the one ADO.NET code path (<see cref="AdoNetMembershipTable"/>,
/// <see cref="AdoNetGrainStorage"/>): where the SQL text comes from, how a connection is opened and written through,
/// and the few value types that the providers map differently.
/// <para>
/// SQL text lives in the embedded files <c>Storage/AdoNet/Sql/{Name}-{Component}.sql</c>; statements name their
/// parameters <c>@name</c>. A dialect is shared by every table and storage of a host, is thread-safe, and is disposed by
/// the host after them.
/// </para>
/// </summary>
public interface IAdoNetDialect : IAsyncDisposable
{
    /// <summary>The prefix of this dialect's SQL files, e.g. <c>PostgreSQL</c> or <c>Sqlite</c>.</summary>
    string Name { get; }

    /// <summary>
    /// Opens a connection. When <paramref name="write"/> is true the lease also holds whatever the database needs to
    /// take writes without contention failures (SQLite: the process-wide writer lock of the file) until it is disposed.
    /// Transactions begun on a write lease take the database's write lock at BEGIN.
    /// </summary>
    ValueTask<DbConnectionLease> OpenAsync(bool write, CancellationToken cancellationToken);

    /// <summary>A binary parameter bound to <paramref name="name"/>, copying <paramref name="value"/> only if the provider
    /// cannot bind a slice.</summary>
    DbParameter CreateBlobParameter(string name, ReadOnlyMemory<byte> value);

    /// <summary>Reads a database timestamp (as written by the dialect's SQL) as UTC.</summary>
    DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal);

    /// <summary>A statement that creates the namespace the tables go into when it is missing (PostgreSQL: the first
    /// schema of the connection string's <c>Search Path</c>), run under the migration lock before any migration; null
    /// when there is nothing to create.</summary>
    string? CreateSchemaSql => null;
}
