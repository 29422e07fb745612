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
    /// <summary>A SQLite database file (created if missing); <paramref name="synchronousFull"/> false opts in to
    /// <c>synchronous=NORMAL</c> (see <see cref="SqliteDialect"/>).</summary>
    public static SqliteDialect ForSqlite(string path, bool synchronousFull = true) => new(path, synchronousFull: synchronousFull);

    /// <summary>A PostgreSQL database given an Npgsql connection string.</summary>
    public static PostgreSqlDialect ForPostgres(string connectionString) => new(connectionString);
}
