namespace Runtime.Membership;

/// <summary>
/// The cluster's membership table (Orleans' IMembershipTable contract).
/// <list type="bullet">
/// <item><see cref="InsertRowAsync"/> and <see cref="UpdateRowAsync"/> write one row and advance the table version
/// by one, atomically; they return <c>false</c> (and change nothing) when the presented version is not the current
/// one, when the row's etag changed, or (insert) when the row already exists. They throw only on storage failure.</item>
/// <item><see cref="UpdateIAmAliveAsync"/> writes only the heartbeat column, with the table's clock, and never
/// changes the version.</item>
/// <item>Reads return the rows and the version from one snapshot, plus the table's clock.</item>
/// </list>
/// One table holds many clusters, separated by cluster id.
/// </summary>
public interface IMembershipTable
{
    /// <summary>Creates the schema and this cluster's version row if missing. Idempotent.</summary>
    Task InitializeAsync(CancellationToken cancellationToken = default);

    Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default);

    /// <summary>Inserts a row; the entry's IAmAliveTime and StartTime are replaced by the table's clock.</summary>
    Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Updates the status of an existing row (and its heartbeat to the table's clock).</summary>
    Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default);

    /// <summary>Sets the row's heartbeat to the table's clock. Does not change the version.</summary>
    Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default);

    /// <summary>Deletes this cluster's rows that are not Active and whose heartbeat is older than <paramref name="olderThan"/>.</summary>
    Task CleanupDefunctEntriesAsync(TimeSpan olderThan, CancellationToken cancellationToken = default);

    /// <summary>Deletes every row and the version of this cluster (tests, decommissioning).</summary>
    Task DeleteClusterAsync(CancellationToken cancellationToken = default);
}
