using Microsoft.Extensions.Logging;
using Runtime.Identity;

namespace Runtime.Membership;

/// <summary>
/// A silo's part in membership (Orleans' MembershipAgent + MembershipTableManager, simplified to table leases):
/// joins (declaring older generations of its own endpoint dead, then Joining, then Active), writes its heartbeat,
/// re-reads the table, declares dead the silos whose heartbeat is older than the death timeout (by the table's clock),
/// and stops its own silo when it finds itself declared dead. Every status write is read-modify-CAS on the table
/// version, retried on conflict.
/// </summary>
internal sealed partial class MembershipAgent : IAsyncDisposable
{
    private readonly IMembershipTable _table;
    private readonly SiloAddress _self;
    private readonly string _siloName;
    private readonly MembershipOptions _options;
    private readonly ClusterMembership _membership;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Action<string> _onDeclaredDead;
    private TaskCompletionSource _refreshSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stop = new();
    private Task? _loop;
    private SiloStatus _status = SiloStatus.Created;

    public MembershipAgent(
        IMembershipTable table,
        SiloAddress self,
        string siloName,
        MembershipOptions options,
        ClusterMembership membership,
        TimeProvider time,
        ILogger logger,
        Action<string> onDeclaredDead)
    {
        _table = table;
        _self = self;
        _siloName = siloName;
        _options = options;
        _membership = membership;
        _time = time;
        _logger = logger;
        _onDeclaredDead = onDeclaredDead;
        membership.SetRefreshHandler(() => Volatile.Read(ref _refreshSignal).TrySetResult());
    }

    /// <summary>Joins the cluster: the silo is Active in the table (and in the published view) when this returns.</summary>
    public async Task JoinAsync(CancellationToken cancellationToken)
    {
        await _table.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await CleanupOlderGenerationsAsync(cancellationToken).ConfigureAwait(false);
        await RetryUntilAsync(async ct =>
        {
            var data = await _table.ReadAllAsync(ct).ConfigureAwait(false);
            var entry = new MembershipEntry(_self, _siloName, SiloStatus.Joining, data.Now, data.Now);
            return await _table.InsertRowAsync(entry, data.Version.Next(), ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        _status = SiloStatus.Joining;
        await SetStatusAsync(SiloStatus.Active, cancellationToken).ConfigureAwait(false);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
        LogJoined(_logger, _self, _membership.Current);
    }

    /// <summary>Writes this silo's status (ShuttingDown, Dead on graceful stop).</summary>
    public async Task SetStatusAsync(SiloStatus status, CancellationToken cancellationToken)
    {
        await RetryUntilAsync(async ct =>
        {
            var data = await _table.ReadAllAsync(ct).ConfigureAwait(false);
            foreach (var (entry, etag) in data.Entries)
            {
                if (entry.Silo == _self)
                {
                    if (entry.Status == SiloStatus.Dead)
                    {
                        return true; // terminal; nothing to write
                    }
                    return await _table.UpdateRowAsync(entry with { Status = status }, etag, data.Version.Next(), ct).ConfigureAwait(false);
                }
            }
            throw new InvalidOperationException($"Silo {_self} has no row in the membership table.");
        }, cancellationToken).ConfigureAwait(false);
        _status = status;
        LogStatusWritten(_logger, _self, status);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Stops heartbeating and reading the table (graceful stop after the Dead write, or a kill).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try
            {
                await _loop.ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        var tick = TimeSpan.FromTicks(Math.Min(_options.IAmAlivePeriod.Ticks, _options.TableRefreshPeriod.Ticks));
        var lastHeartbeat = _time.GetTimestamp();
        var lastRefresh = _time.GetTimestamp();
        while (true)
        {
            var signal = Volatile.Read(ref _refreshSignal);
            var woke = await Task.WhenAny(signal.Task, Task.Delay(tick, _time, cancellationToken)).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
            var refreshRequested = woke == signal.Task;
            if (refreshRequested)
            {
                Volatile.Write(ref _refreshSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
            }
            try
            {
                if (_time.GetElapsedTime(lastHeartbeat) >= _options.IAmAlivePeriod)
                {
                    lastHeartbeat = _time.GetTimestamp();
                    await HeartbeatAsync(cancellationToken).ConfigureAwait(false);
                }
                if (refreshRequested || _time.GetElapsedTime(lastRefresh) >= _options.TableRefreshPeriod)
                {
                    lastRefresh = _time.GetTimestamp();
                    await RefreshAsync(cancellationToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Table unreachable: keep the last view (no deaths are declared without the table), try again.
                LogTableError(_logger, ex);
            }
        }
    }

    private async Task HeartbeatAsync(CancellationToken cancellationToken)
    {
        await _table.UpdateIAmAliveAsync(new MembershipEntry(_self, _siloName, _status, default, default), cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastTableContact, System.Diagnostics.Stopwatch.GetTimestamp());
    }

    // Wall-clock monotonic time on purpose (not the injected TimeProvider): an operational figure for /healthz.
    private long _lastTableContact = System.Diagnostics.Stopwatch.GetTimestamp();

    /// <summary>Time since the membership table last answered this silo (a heartbeat or a read; counted from the agent's
    /// creation before that): while the database is unreachable it grows, and the silo is not serving reliably (state and
    /// journal live there too).</summary>
    public TimeSpan SinceTableContact => System.Diagnostics.Stopwatch.GetElapsedTime(Volatile.Read(ref _lastTableContact));

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _lastTableContact, System.Diagnostics.Stopwatch.GetTimestamp());
        foreach (var (entry, _) in data.Entries)
        {
            if (entry.Silo == _self && entry.Status == SiloStatus.Dead)
            {
                if (_status is SiloStatus.ShuttingDown or SiloStatus.Stopping or SiloStatus.Dead)
                {
                    return; // our own goodbye
                }
                LogDeclaredDead(_logger, _self);
                _onDeclaredDead($"Silo {_self} was declared dead in the membership table; it stops.");
                return;
            }
        }
        _membership.Publish(ToView(data));
        await DeclareDeadSilosAsync(data, cancellationToken).ConfigureAwait(false);
    }

    private async Task DeclareDeadSilosAsync(MembershipTableData data, CancellationToken cancellationToken)
    {
        if (_status != SiloStatus.Active)
        {
            return;
        }
        foreach (var (entry, etag) in data.Entries)
        {
            if (entry.Silo == _self || entry.Status is SiloStatus.Dead or SiloStatus.None)
            {
                continue;
            }
            var silence = data.Now - entry.IAmAliveTime;
            if (silence <= _options.DeathTimeout)
            {
                continue;
            }
            if (await _table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, data.Version.Next(), cancellationToken).ConfigureAwait(false))
            {
                LogDeclaredOtherDead(_logger, entry.Silo, silence);
                var reread = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
                _membership.Publish(ToView(reread));
            }
            return; // the version moved either way: one change per read
        }
    }

    private async Task CleanupOlderGenerationsAsync(CancellationToken cancellationToken)
    {
        await RetryUntilAsync(async ct =>
        {
            var data = await _table.ReadAllAsync(ct).ConfigureAwait(false);
            foreach (var (entry, etag) in data.Entries)
            {
                if (entry.Silo.IsSameEndpoint(_self) && entry.Silo.Generation < _self.Generation && entry.Status != SiloStatus.Dead)
                {
                    // [Orleans CleanupMyTableEntries] a previous incarnation on my endpoint cannot be alive.
                    if (await _table.UpdateRowAsync(entry with { Status = SiloStatus.Dead }, etag, data.Version.Next(), ct).ConfigureAwait(false))
                    {
                        LogDeclaredOtherDead(_logger, entry.Silo, TimeSpan.Zero);
                    }
                    return false; // re-read and look for more
                }
            }
            return true;
        }, cancellationToken).ConfigureAwait(false);
        await _table.CleanupDefunctEntriesAsync(_options.DefunctEntryRetention, cancellationToken).ConfigureAwait(false);
    }

    private async Task RetryUntilAsync(Func<CancellationToken, Task<bool>> attempt, CancellationToken cancellationToken)
    {
        var delay = TimeSpan.FromMilliseconds(10);
        for (var i = 0; ; i++)
        {
            if (await attempt(cancellationToken).ConfigureAwait(false))
            {
                return;
            }
            if (i > 200)
            {
                throw new InvalidOperationException("Could not write the membership table: too much contention.");
            }
            // Random jitter so contending silos do not retry in lock step.
            await Task.Delay(delay + TimeSpan.FromMilliseconds(Random.Shared.Next(10)), _time, cancellationToken).ConfigureAwait(false);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, TimeSpan.FromMilliseconds(500).Ticks));
        }
    }

    internal static MembershipView ToView(MembershipTableData data)
    {
        var entries = new List<MembershipEntry>(data.Entries.Count);
        foreach (var (entry, _) in data.Entries)
        {
            entries.Add(entry);
        }
        return new MembershipView(data.Version.Version, entries);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} joined the cluster; view {View}")]
    private static partial void LogJoined(ILogger logger, SiloAddress silo, MembershipView view);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Silo {Silo} wrote its status {Status}")]
    private static partial void LogStatusWritten(ILogger logger, SiloAddress silo, SiloStatus status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Declared silo {Silo} dead: no heartbeat for {Silence}")]
    private static partial void LogDeclaredOtherDead(ILogger logger, SiloAddress silo, TimeSpan silence);

    [LoggerMessage(Level = LogLevel.Error, Message = "Silo {Silo} finds itself declared dead; stopping")]
    private static partial void LogDeclaredDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Membership table access failed; keeping the last view")]
    private static partial void LogTableError(ILogger logger, Exception exception);
}
