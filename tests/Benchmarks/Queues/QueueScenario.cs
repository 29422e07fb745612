namespace Benchmarks.Queues;

/// <summary>One measured row: the database, how many queues share the load, and the publishers' and consumers' shape.</summary>
public sealed record QueueScenario(DatabaseKind Database, int Queues, int MessagesPerCall, int Publishers, int Credit)
{
    /// <summary>The issue's target for this row (msg/s through, SQLite on this 2-core machine), or null when it sets none.</summary>
    public int? Target => (Database, Queues) switch
    {
        (DatabaseKind.Sqlite, 1) => 20_000,
        (DatabaseKind.Sqlite, >= 100) => 50_000,
        _ => null,
    };

    public string DatabaseLabel => Label(Database);

    public static string Label(DatabaseKind database) => database switch
    {
        DatabaseKind.Sqlite => "SQLite",
        DatabaseKind.PostgreSql => "PostgreSQL",
        _ => "memory",
    };

    public string ShapeLabel => $"{Queues} {(Queues == 1 ? "queue" : "queues")}, {MessagesPerCall} msg/call";
}
