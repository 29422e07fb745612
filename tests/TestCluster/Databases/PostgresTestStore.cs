using Npgsql;
using Runtime.Storage.AdoNet;

namespace TestCluster.Databases;

/// <summary>
/// The PostgreSQL database of the test run, named by <c>BROKER_TEST_POSTGRES</c>. Tests share its tables (each uses its
/// own cluster id or grain ids); <see cref="UseEmptyDatabaseAsync"/> moves a test onto a schema of its own, dropped at
/// the end. Without the variable, constructing this fails the test with instructions: PostgreSQL tests never skip.
/// </summary>
public sealed class PostgresTestStore : IAsyncDisposable
{
    public const string EnvironmentVariable = "BROKER_TEST_POSTGRES";

    private readonly string _baseConnectionString;
    private readonly List<PostgreSqlDialect> _dialects = [];
    private readonly List<string> _schemas = [];
    private string _connectionString;

    public PostgresTestStore()
    {
        var connectionString = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new InvalidOperationException(
                $"PostgreSQL tests need a database: set {EnvironmentVariable} " +
                "(e.g. Host=127.0.0.1;Port=5432;Username=postgres;Database=broker_test) or run ./test.sh, which starts one.");
        }
        _baseConnectionString = _connectionString = connectionString;
    }

    public IAdoNetDialect NewDialect()
    {
        var dialect = AdoNetStorage.ForPostgres(_connectionString);
        _dialects.Add(dialect);
        return dialect;
    }

    /// <summary>Later dialects use a new, empty schema.</summary>
    public async Task UseEmptyDatabaseAsync()
    {
        var schema = $"test_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {schema}");
        _schemas.Add(schema);
        _connectionString = new NpgsqlConnectionStringBuilder(_baseConnectionString) { SearchPath = schema }.ToString();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dialect in _dialects)
        {
            await dialect.DisposeAsync();
        }
        foreach (var schema in _schemas)
        {
            await ExecuteAsync($"DROP SCHEMA {schema} CASCADE");
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_baseConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
