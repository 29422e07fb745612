using System.Data.Common;
using Npgsql;
using NpgsqlTypes;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// PostgreSQL through Npgsql. Connections come from one <see cref="NpgsqlDataSource"/> (a pool); statements the runtime
/// repeats are prepared on the server automatically after a few uses (Npgsql auto-prepare), so the hot statements
/// (take ownership, write state) are parsed and planned once per connection. PostgreSQL takes concurrent writers
/// itself, so write leases hold no lock here. With <c>Search Path=NAME</c> in the connection string the tables live in
/// schema NAME, created at the first start: that is how several clusters share one database, each in a schema of its
/// own (grain state and queues are keyed by grain id, not by cluster id).
/// </summary>
public sealed class PostgreSqlDialect : IAdoNetDialect
{
    /// <summary>Auto-prepare slots per connection when the connection string does not set <c>Max Auto Prepare</c>.</summary>
    private const int DefaultMaxAutoPrepare = 64;

    private readonly NpgsqlDataSource _dataSource;
    private readonly bool _ownsDataSource;

    /// <param name="connectionString">An Npgsql connection string, e.g.
    /// <c>Host=db;Username=broker;Password=...;Database=broker</c>.</param>
    public PostgreSqlDialect(string connectionString)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        if (builder.ConnectionStringBuilder.MaxAutoPrepare == 0)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = DefaultMaxAutoPrepare;
        }
        CreateSchemaSql = CreateSchemaStatement(builder.ConnectionStringBuilder.SearchPath);
        _dataSource = builder.Build();
        _ownsDataSource = true;
    }

    /// <param name="dataSource">A data source the caller configured and keeps owning (not disposed with the dialect).</param>
    public PostgreSqlDialect(NpgsqlDataSource dataSource)
    {
        _dataSource = dataSource ?? throw new ArgumentNullException(nameof(dataSource));
        CreateSchemaSql = CreateSchemaStatement(new NpgsqlConnectionStringBuilder(dataSource.ConnectionString).SearchPath);
    }

    public string? CreateSchemaSql { get; }

    /// <summary><c>CREATE SCHEMA IF NOT EXISTS</c> for the first schema of a search path (a quoted identifier), or null.
    /// <c>$user</c> and <c>public</c> are left alone.</summary>
    internal static string? CreateSchemaStatement(string? searchPath)
    {
        var first = searchPath?.Split(',')[0].Trim();
        if (string.IsNullOrEmpty(first))
        {
            return null;
        }
        var name = first.Length > 1 && first[0] == '"' && first[^1] == '"' ? first[1..^1].Replace("\"\"", "\"", StringComparison.Ordinal) : first.ToLowerInvariant();
        if (name is "$user" or "public" or "pg_catalog")
        {
            return null;
        }
        return $"CREATE SCHEMA IF NOT EXISTS \"{name.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";
    }

    public string Name => "PostgreSQL";

    public async ValueTask<DbConnectionLease> OpenAsync(bool write, CancellationToken cancellationToken) =>
        new(await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false));

    public DbParameter CreateBlobParameter(string name, ReadOnlyMemory<byte> value) =>
        new NpgsqlParameter<ReadOnlyMemory<byte>>(name, NpgsqlDbType.Bytea) { TypedValue = value };

    public DateTimeOffset GetTimestamp(DbDataReader reader, int ordinal) => reader.GetFieldValue<DateTimeOffset>(ordinal);

    public ValueTask DisposeAsync() => _ownsDataSource ? _dataSource.DisposeAsync() : ValueTask.CompletedTask;
}
