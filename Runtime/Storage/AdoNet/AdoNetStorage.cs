namespace Runtime.Storage.AdoNet;

/// <summary>
/// Entry points for a host:
/// <code>
/// await using var dialect = AdoNetStorage.ForPostgres(connectionString); // or AdoNetStorage.ForSqlite("broker.db")
/// var membership = new AdoNetMembershipTable(dialect, clusterId);
/// var storage = new AdoNetGrainStorage(dialect);
/// await membership.InitializeAsync(); await storage.InitializeAsync();
/// </code>
/// </summary>
public static class AdoNetStorage
{
    /// <summary>A SQLite database file (created if missing).</summary>
    public static SqliteDialect ForSqlite(string path) => new(path);

    /// <summary>A PostgreSQL database given an Npgsql connection string.</summary>
    public static PostgreSqlDialect ForPostgres(string connectionString) => new(connectionString);
}
