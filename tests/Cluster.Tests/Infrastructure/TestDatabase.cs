using Npgsql;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// A database of the test's own, created on a PostgreSQL server with a unique name and dropped at the end. Grain state
/// and journals are keyed by grain id only (not by cluster id), so a cluster test on a shared database would meet the
/// grains of earlier runs: each run gets an empty database.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string _adminConnectionString;

    private TestDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString)
        {
            Database = name,
            MaxPoolSize = 50,
        }.ToString();
    }

    public string Name { get; }

    /// <summary>For the broker processes.</summary>
    public string ConnectionString { get; }

    /// <summary>Creates <c>{prefix}_{guid}</c> through <paramref name="adminConnectionString"/> (a user that may CREATE DATABASE).</summary>
    public static async Task<TestDatabase> CreateAsync(string adminConnectionString, string prefix)
    {
        var name = $"{prefix}_{Guid.NewGuid():N}";
        await ExecuteAsync(adminConnectionString, $"CREATE DATABASE {name}").ConfigureAwait(false);
        return new TestDatabase(adminConnectionString, name);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            // FORCE ends the sessions of processes that were killed and whose connections the server has not noticed yet.
            await ExecuteAsync(_adminConnectionString, $"DROP DATABASE IF EXISTS {Name} WITH (FORCE)").ConfigureAwait(false);
        }
        catch (NpgsqlException)
        {
            // The server is gone (a test that stopped it and failed): nothing to drop.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        // Connect to the maintenance database: one cannot drop the database one is connected to.
        var builder = new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false };
        await using var connection = new NpgsqlConnection(builder.ToString());
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }
}
