namespace Silo.Configuration;

/// <summary>Where durable state and the membership table live.</summary>
public enum StorageKind
{
    /// <summary>A SQLite file: the embedded default, one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: a cluster of silos and separate gateways.</summary>
    PostgreSql,
}
