using Npgsql;
using Runtime.Identity;
using Runtime.Storage.AdoNet;
using TestCluster.Databases;

namespace Runtime.Tests.Storage;

/// <summary>
/// Several clusters in one PostgreSQL database, each with <c>Search Path=NAME</c> in its connection string: the first
/// start creates the schema, and each cluster's grain state stays its own (grain ids are not scoped by cluster id).
/// Needs <c>BROKER_TEST_POSTGRES</c> (./test.sh sets it); fails, never skips, without it.
/// </summary>
public sealed class PostgreSqlSchemaPerClusterTests : IAsyncLifetime
{
    private readonly string _admin = Environment.GetEnvironmentVariable(PostgresTestStore.EnvironmentVariable)
        ?? throw new InvalidOperationException($"PostgreSQL tests need a database: set {PostgresTestStore.EnvironmentVariable} or run ./test.sh.");
    private readonly string _schemaA = $"cluster_a_{Guid.NewGuid():N}";
    private readonly string _schemaB = $"Cluster B {Guid.NewGuid():N}";

    public Task InitializeAsync() => Task.CompletedTask;

    [Fact]
    public async Task TwoSearchPaths_OneDatabase_SchemasCreatedAndGrainStateSeparate()
    {
        await using var dialectA = AdoNetStorage.ForPostgres(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = _schemaA }.ToString());
        await using var dialectB = AdoNetStorage.ForPostgres(new NpgsqlConnectionStringBuilder(_admin) { SearchPath = $"\"{_schemaB}\"" }.ToString());
        var storageA = new AdoNetGrainStorage(dialectA);
        var storageB = new AdoNetGrainStorage(dialectB);
        await Task.WhenAll(storageA.InitializeAsync(), storageB.InitializeAsync());
        var grain = GrainId.Create("queue", "orders");

        var inA = await storageA.TakeOwnershipAsync(grain, "silo-a");
        (await storageA.WriteStateAsync(grain, inA.Epoch, new byte[] { 1, 2, 3 })).Should().BeTrue();
        var inB = await storageB.TakeOwnershipAsync(grain, "silo-b");
        var againInA = await storageA.TakeOwnershipAsync(grain, "silo-a2");

        (await SchemasAsync()).Should().Contain([_schemaA, _schemaB], "the first start creates the schema of its search path");
        inB.State.Should().BeNull("the same grain id in another cluster's schema is another grain");
        inB.Epoch.Should().Be(1);
        againInA.State.Should().Equal(1, 2, 3);
    }

    private async Task<List<string>> SchemasAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT nspname FROM pg_namespace", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync())
        {
            names.Add(reader.GetString(0));
        }
        return names;
    }

    public async Task DisposeAsync()
    {
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync();
        foreach (var schema in new[] { _schemaA, _schemaB })
        {
            await using var command = new NpgsqlCommand($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
