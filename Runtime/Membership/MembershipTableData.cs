namespace Runtime.Membership;

/// <summary>A consistent read of the whole membership table.</summary>
/// <param name="Entries">Every row, with its row etag.</param>
/// <param name="Version">The table version read in the same snapshot as the rows.</param>
/// <param name="Now">The table's clock at the time of the read (database time for SQL tables), so heartbeat ages are
/// measured on one clock and silo clock skew does not matter.</param>
public sealed record MembershipTableData(
    IReadOnlyList<(MembershipEntry Entry, string Etag)> Entries,
    TableVersion Version,
    DateTimeOffset Now);
