using Grains.Interfaces.Topics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Gateway.Routing;

/// <summary>
/// A gateway's local copy of the route table as a trie (DESIGN.md "RouteTableGrain"): a publish on <c>a/b/c</c> finds
/// the filters with bindings (<c>a/+/c</c>, <c>a/#</c>, <c>#</c>) without a grain call. Kept current by the table's
/// change pushes, and re-read periodically (which also renews the watch) in case a push was lost. Readers see an
/// immutable snapshot; a change builds a new trie.
/// </summary>
public sealed partial class RouteTableCache : IGrainObserver, IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly IObserverFactory _observers;
    private readonly TimeSpan _refreshPeriod;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _refreshLock = new(1, 1);
    private volatile Snapshot _snapshot = new(-1, new TopicTrie(), []);
    private ObserverId? _watcher;
    private Task? _loop;
    private int _disposed;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public RouteTableCache(IGrainFactory grains, IObserverFactory observers, ILogger<RouteTableCache> logger,
        TimeSpan? refreshPeriod = null, TimeProvider? time = null)
    {
        _grains = grains;
        _observers = observers;
        _logger = logger;
        _refreshPeriod = refreshPeriod ?? TimeSpan.FromSeconds(5);
        _time = time ?? TimeProvider.System;
    }

    /// <summary>The version of the table this cache reflects.</summary>
    public long Version => _snapshot.Version;

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        _watcher = _observers.CreateObserver(this);
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => RunAsync(_stop.Token), CancellationToken.None);
    }

    /// <summary>The filters with bindings that match <paramref name="topic"/>.</summary>
    public List<string> Match(string topic)
    {
        var snapshot = _snapshot;
        var matches = snapshot.Trie.Match(topic);
        foreach (var local in snapshot.LocalAdds)
        {
            if (!matches.Contains(local) && TopicFilter.Matches(local, topic))
            {
                matches.Add(local);
            }
        }
        return matches;
    }

    /// <summary>Routes <paramref name="filter"/> at once in this gateway (it just bound something to it), before the table's push arrives.</summary>
    public void AddLocal(string filter)
    {
        var snapshot = _snapshot;
        if (!snapshot.LocalAdds.Contains(filter))
        {
            _snapshot = snapshot with { LocalAdds = [.. snapshot.LocalAdds, filter] };
        }
    }

    public void OnNotify(IWireMessage message)
    {
        if (message is RoutesChanged changed && changed.Version != _snapshot.Version)
        {
            _changed.TrySetResult();
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = _changed;
            try
            {
                await Task.WhenAny(signal.Task, Task.Delay(_refreshPeriod, _time, cancellationToken)).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                if (signal.Task.IsCompleted)
                {
                    _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
                await RefreshAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogRefreshFailed(_logger, ex);
            }
        }
    }

    /// <summary>Reads the table if it changed (and renews this gateway's watch).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken = default)
    {
        await _refreshLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var current = _snapshot;
            var answer = await _grains.GetGrain(TopicGrainKind.RouteTable, TopicGrainKind.RouteTableKey)
                .CallAsync(new GetRoutes(current.Version, _watcher), cancellationToken).ConfigureAwait(false);
            if (answer.Filters is null)
            {
                return;
            }
            var trie = new TopicTrie();
            foreach (var filter in answer.Filters)
            {
                trie.Add(filter);
            }
            // Local additions the table now knows are dropped; the others (still in flight) are kept.
            var stillLocal = current.LocalAdds.Where(f => !answer.Filters.Contains(f)).ToArray();
            _snapshot = new Snapshot(answer.Version, trie, stillLocal);
        }
        finally
        {
            _refreshLock.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        if (_watcher is { } watcher)
        {
            _observers.DeleteObserver(watcher);
        }
        _stop.Dispose();
        _refreshLock.Dispose();
    }

    private sealed record Snapshot(long Version, TopicTrie Trie, string[] LocalAdds);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the route table failed; keeping the last copy")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
