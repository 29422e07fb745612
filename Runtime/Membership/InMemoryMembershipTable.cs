using System.Globalization;
using Runtime.Identity;

namespace Runtime.Membership;

/// <summary>
/// <see cref="IMembershipTable"/> in memory, for one process: one instance is one cluster, shared by all silos of an
/// in-process test cluster. Same semantics as the SQL tables (see <c>AdoNetMembershipTable</c>): the version
/// compare-and-set uses <see cref="TableVersion.VersionEtag"/>, rows carry a counter etag bumped by
/// <see cref="UpdateRowAsync"/> only, and the table's clock is the injected <see cref="TimeProvider"/>.
/// Before <see cref="InitializeAsync"/> (and after <see cref="DeleteClusterAsync"/>) there is no version row, so every
/// change fails, as in the SQL tables.
/// </summary>
public sealed class InMemoryMembershipTable : IMembershipTable
{
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;
    private readonly Dictionary<SiloAddress, (MembershipEntry Entry, long Etag)> _rows = [];
    private bool _initialized;
    private int _version;
    private long _lastEtag;

    public InMemoryMembershipTable(TimeProvider timeProvider)
    {
        _time = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _initialized = true;
        }
        return Task.CompletedTask;
    }

    public Task<MembershipTableData> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var entries = new List<(MembershipEntry Entry, string Etag)>(_rows.Count);
            foreach (var (entry, etag) in _rows.Values)
            {
                entries.Add((entry, etag.ToString(CultureInfo.InvariantCulture)));
            }
            return Task.FromResult(new MembershipTableData(entries, CurrentVersion(), _time.GetUtcNow()));
        }
    }

    public Task<bool> InsertRowAsync(MembershipEntry entry, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (!IsCurrent(version) || _rows.ContainsKey(entry.Silo))
            {
                return Task.FromResult(false);
            }
            var now = _time.GetUtcNow();
            _rows.Add(entry.Silo, (entry with { StartTime = now, IAmAliveTime = now }, ++_lastEtag));
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task<bool> UpdateRowAsync(MembershipEntry entry, string etag, TableVersion version, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(version);
        lock (_lock)
        {
            if (!IsCurrent(version) || !_rows.TryGetValue(entry.Silo, out var row) ||
                !string.Equals(etag, row.Etag.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
            {
                return Task.FromResult(false);
            }
            // Same columns as the SQL UpdateRow: status and heartbeat; name and start time stay as inserted.
            _rows[entry.Silo] = (row.Entry with { Status = entry.Status, IAmAliveTime = _time.GetUtcNow() }, ++_lastEtag);
            _version++;
            return Task.FromResult(true);
        }
    }

    public Task UpdateIAmAliveAsync(MembershipEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        lock (_lock)
        {
            if (_rows.TryGetValue(entry.Silo, out var row))
            {
                _rows[entry.Silo] = (row.Entry with { IAmAliveTime = _time.GetUtcNow() }, row.Etag);
            }
        }
        return Task.CompletedTask;
    }

    public Task CleanupDefunctEntriesAsync(TimeSpan olderThan, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            var cutoff = _time.GetUtcNow() - olderThan;
            foreach (var (silo, row) in _rows.ToArray())
            {
                if (row.Entry.Status != SiloStatus.Active && row.Entry.IAmAliveTime < cutoff)
                {
                    _rows.Remove(silo);
                }
            }
        }
        return Task.CompletedTask;
    }

    public Task DeleteClusterAsync(CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            _rows.Clear();
            _version = 0;
            _initialized = false;
        }
        return Task.CompletedTask;
    }

    private TableVersion CurrentVersion() => new(_version, _version.ToString(CultureInfo.InvariantCulture));

    /// <summary>The compare-and-set on the version the caller read (its etag), as the SQL tables do.</summary>
    private bool IsCurrent(TableVersion version) =>
        _initialized && string.Equals(version.VersionEtag, _version.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
