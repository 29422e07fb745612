namespace Benchmarks.Queues;

/// <summary>Where the queues' journal and grain state live.</summary>
public enum DatabaseKind
{
    /// <summary>A temporary SQLite file (WAL, <c>synchronous=FULL</c>, as the dialect sets it): the embedded default.</summary>
    Sqlite,

    /// <summary>The PostgreSQL database named by <c>BROKER_TEST_POSTGRES</c>, in a schema of its own per row.</summary>
    PostgreSql,

    /// <summary>No database: the in-memory grain storage and journal of the test cluster. A diagnostic only (nothing is
    /// durable): the same load without the journal's cost shows what the grains and messaging alone can carry.</summary>
    InMemory,
}
