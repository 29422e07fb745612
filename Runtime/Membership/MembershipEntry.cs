using Runtime.Identity;

namespace Runtime.Membership;

/// <summary>One row of the membership table: a silo incarnation, its status and its last heartbeat.</summary>
/// <param name="Silo">The incarnation (host, ports, generation); the row's key.</param>
/// <param name="SiloName">A human name (pod name, "silo-1").</param>
/// <param name="Status">Where the silo is in its life cycle.</param>
/// <param name="StartTime">When the silo started, by the table's clock.</param>
/// <param name="IAmAliveTime">The silo's last heartbeat, by the table's clock (database time for SQL tables).</param>
public sealed record MembershipEntry(
    SiloAddress Silo,
    string SiloName,
    SiloStatus Status,
    DateTimeOffset StartTime,
    DateTimeOffset IAmAliveTime);
