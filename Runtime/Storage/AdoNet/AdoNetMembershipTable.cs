using System.Data.Common;
using System.Globalization;
using Runtime.Identity;
using Runtime.Membership;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// <see cref="IMembershipTable"/> on a relational database (tables <c>membership_version</c> and <c>membership</c>, SQL in
/// <c>Sql/{dialect}-Membership.sql</c>), one instance per cluster id; many clusters can share the tables.
/// <para>
/// Concurrency is Orleans' ADO.NET clustering (RelationalOrleansQueries, insert_membership / update_membership): every
/// change runs in one transaction that first bumps this cluster's version row <c>WHERE version = @expected_version</c>
/// and then writes the silo row; if either touches no row the transaction rolls back and the call returns false.
/// As in Orleans, the version compared is the one in <see cref="TableVersion.VersionEtag"/> (the version string the
/// caller read, which <see cref="TableVersion.Next"/> keeps), so callers may present either the version they read or
/// its <c>Next()</c>. Unlike Orleans' ADO.NET provider (which gives every row an empty etag), rows carry a counter etag
/// that <see cref="UpdateRowAsync"/> checks and bumps; heartbeats change neither the etag nor the version.
/// </para>
/// All times (start, heartbeat, <see cref="MembershipTableData.Now"/>) are the database's clock.
/// </summary>
public sealed class AdoNetMembershipTable : IMembershipTable
{
    private readonly IAdoNetDialect _dialect;
    private readonly string _clusterId;
    private readonly SqlScript _script;
    private readonly string _insertVersion;
    private readonly string _readAll;
    private readonly string _bumpVersion;
    private readonly string _insertRow;
    private readonly string _updateRow;
    private readonly string _updateIAmAlive;
    private readonly string _cleanupDefunct;
    private readonly string _deleteRows;
    private readonly string _deleteVersion;

    /// <param name="dialect">The database; shared with other tables, owned (disposed) by the caller.</param>
    /// <param name="clusterId">This cluster's key in the shared tables (at most 150 characters).</param>
    public AdoNetMembershipTable(IAdoNetDialect dialect, string clusterId)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        ArgumentException.ThrowIfNullOrEmpty(clusterId);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(clusterId.Length, 150, nameof(clusterId));
        _clusterId = clusterId;
        _script = SqlScript.Load(dialect.Name, "Membership");
        _insertVersion = _script["InsertVersion"];
        _readAll = _script["ReadAll"];
        _bumpVersion = _script["BumpVersion"];
        _insertRow = _script["InsertRow"];
        _updateRow = _script["UpdateRow"];
        _updateIAmAlive = _script["UpdateIAmAlive"];
        _cleanupDefunct = _script["CleanupDefunct"];
        _deleteRows = _script["DeleteRows"];
        _deleteVersion = _script["DeleteVersion"];
    }

    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        await SchemaMigrator.MigrateAsync(_dialect, _script, cancellationToken).ConfigureAwait(false);
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_insertVersion).With("@cluster_id", _clusterId);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: false, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_readAll).With("@cluster_id", _clusterId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);

        // Columns: now, version, address, silo_port, gateway_port, generation, silo_name, status, start_time,
        // i_am_alive_time, etag. One row with NULL silo columns when the cluster has no silo; a NULL version when the
        // cluster is not initialized (then version 0, which no insert can match).
        var entries = new List<(MembershipEntry Entry, string Etag)>();
        var now = DateTimeOffset.MinValue;
        var version = 0;
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            now = _dialect.GetTimestamp(reader, 0);
            version = reader.IsDBNull(1) ? 0 : reader.GetInt32(1);
            if (reader.IsDBNull(2))
            {
                continue;
            }
            var silo = new SiloAddress(reader.GetString(2), reader.GetInt32(3), reader.GetInt32(4), reader.GetInt64(5));
            var entry = new MembershipEntry(silo, reader.GetString(6), (SiloStatus)reader.GetInt32(7),
                _dialect.GetTimestamp(reader, 8), _dialect.GetTimestamp(reader, 9));
            entries.Add((entry, reader.GetInt64(10).ToString(CultureInfo.InvariantCulture)));
        }
        return new MembershipTableData(entries, new TableVersion(version, version.ToString(CultureInfo.InvariantCulture)), now);
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return ChangeAsync(version, _insertRow, entry, rowEtag: null, cancellationToken);
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return long.TryParse(etag, NumberStyles.None, CultureInfo.InvariantCulture, out var rowEtag)
            ? ChangeAsync(version, _updateRow, entry, rowEtag, cancellationToken)
            : Task.FromResult(false); // not an etag this table handed out
    }

    public async Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = WithKey(lease.Connection.CreateCommand(_updateIAmAlive), entry.Silo);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task CleanupDefunctEntriesAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_cleanupDefunct)
            .With("@cluster_id", _clusterId)
            .With("@older_than_ms", (long)olderThan.TotalMilliseconds);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    public async Task DeleteClusterAsync(CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        foreach (var sql in new[] { _deleteRows, _deleteVersion })
        {
            await using var command = lease.Connection.CreateCommand(sql, transaction).With("@cluster_id", _clusterId);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Orleans' version compare-and-set around one row write: bump the version first (its row lock queues concurrent
    /// writers), then write the row; commit only if both touched exactly one row. A null <paramref name="rowEtag"/>
    /// means insert, otherwise update.
    /// </summary>
    private async Task<bool> ChangeAsync(TableVersion version, string rowSql, MembershipEntry entry, long? rowEtag, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(version);
        if (!int.TryParse(version.VersionEtag, NumberStyles.None, CultureInfo.InvariantCulture, out var expectedVersion))
        {
            return false; // not a version this table handed out
        }

        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        // Disposing the transaction without commit rolls it back, which is how every "return false" below undoes the bump.
        await using var transaction = await lease.Connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        await using (var bump = lease.Connection.CreateCommand(_bumpVersion, transaction)
            .With("@cluster_id", _clusterId)
            .With("@expected_version", expectedVersion))
        {
            if (await bump.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await using (var write = WithKey(lease.Connection.CreateCommand(rowSql, transaction), entry.Silo)
            .With("@status", (int)entry.Status))
        {
            if (rowEtag is { } etag)
            {
                write.With("@etag", etag);
            }
            else
            {
                write.With("@gateway_port", entry.Silo.GatewayPort).With("@silo_name", entry.SiloName);
            }

            if (await write.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) != 1)
            {
                return false;
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    private DbCommand WithKey(DbCommand command, SiloAddress silo) => command
        .With("@cluster_id", _clusterId)
        .With("@address", silo.Host)
        .With("@silo_port", silo.SiloPort)
        .With("@generation", silo.Generation);
}
