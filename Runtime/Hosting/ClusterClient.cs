using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Membership;
using Runtime.Messaging;
using Runtime.Networking;
using Runtime.Placement;

namespace Runtime.Hosting;

/// <summary>
/// A process outside the silos (a gateway) that calls grains: reads the membership table, sends each call straight
/// to the grain's owner over that silo's gateway port, and follows view changes. It keeps a connection to every active
/// silo so that any silo can push to its observers.
/// </summary>
public sealed partial class ClusterClient : IGrainFactory, IObserverFactory, IAsyncDisposable
{
    private readonly ClusterClientOptions _options;
    private readonly IMembershipTable _table;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly PendingCalls _pending;
    private readonly ClientMessageCenter _messageCenter;
    private readonly ConnectionManager _connections;
    private readonly GrainFactory _factory;
    private readonly CancellationTokenSource _lifetime = new();
    private TaskCompletionSource _refreshSignal = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _refreshLoop;
    private long _nextObserverKey;
    private int _disposed;

    public ClusterClient(ClusterClientOptions options, IMembershipTable membershipTable, ILoggerFactory loggerFactory,
        TimeProvider? timeProvider = null)
    {
        options.Validate();
        _options = options;
        _table = membershipTable;
        _time = timeProvider ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger<ClusterClient>();
        ClientId = options.ClientId ?? $"client-{Guid.NewGuid():N}";
        _pending = new PendingCalls(_time);
        _messageCenter = new ClientMessageCenter(_pending, loggerFactory.CreateLogger<ClientMessageCenter>());
        _connections = new ConnectionManager(ConnectionRole.Client, options.ClusterId, ClientId, _messageCenter, options.Messaging,
            loggerFactory.CreateLogger<ConnectionManager>());
        var router = new GrainCallRouter(Membership, RendezvousPlacementDirector.Instance, _connections, _pending, null, options.Messaging, _time);
        _factory = new GrainFactory(router);
        Membership.SetRefreshHandler(() => Volatile.Read(ref _refreshSignal).TrySetResult());
        Membership.ViewChanged += OnViewChanged;
    }

    public string ClientId { get; }

    public ClusterMembership Membership { get; } = new();

    /// <summary>Reads the membership table and connects to the active silos.</summary>
    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        await RefreshAsync(cancellationToken).ConfigureAwait(false);
        _refreshLoop = Task.Run(() => RefreshLoopAsync(_lifetime.Token), CancellationToken.None);
        LogStarted(_logger, ClientId, Membership.Current);
    }

    public GrainReference GetGrain(GrainId grainId) => _factory.GetGrain(grainId);

    public GrainReference GetGrain(string kind, string key) => _factory.GetGrain(kind, key);

    /// <summary>Registers an observer that grains can push to through the returned id.</summary>
    public ObserverId CreateObserver(IGrainObserver observer)
    {
        var key = Interlocked.Increment(ref _nextObserverKey);
        _messageCenter.AddObserver(key, observer);
        return new ObserverId(ClientId, key);
    }

    public bool DeleteObserver(ObserverId observer) => _messageCenter.RemoveObserver(observer.Key);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_refreshLoop is not null)
        {
            await _refreshLoop.ConfigureAwait(false);
        }
        await _connections.DisposeAsync().ConfigureAwait(false);
        await _pending.DisposeAsync().ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var data = await _table.ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<MembershipEntry>(data.Entries.Count);
        foreach (var (entry, _) in data.Entries)
        {
            entries.Add(entry);
        }
        if (!Membership.Publish(new MembershipView(data.Version.Version, entries)))
        {
            ConnectToActiveSilos(Membership.Current);
        }
    }

    private async Task RefreshLoopAsync(CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            var signal = Volatile.Read(ref _refreshSignal);
            try
            {
                await Task.WhenAny(signal.Task, Task.Delay(_options.TableRefreshPeriod, _time, cancellationToken)).ConfigureAwait(false);
                if (cancellationToken.IsCancellationRequested)
                {
                    return;
                }
                if (signal.Task.IsCompleted)
                {
                    Volatile.Write(ref _refreshSignal, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
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

    private void OnViewChanged(MembershipView view)
    {
        foreach (var silo in _connections.ConnectedSilos)
        {
            if (!view.ActiveSilos.Contains(silo) && view.StatusOf(silo) is SiloStatus.Dead or SiloStatus.None)
            {
                _connections.Close(silo);
            }
        }
        ConnectToActiveSilos(view);
    }

    private void ConnectToActiveSilos(MembershipView view)
    {
        foreach (var silo in view.ActiveSilos)
        {
            _ = ConnectQuietlyAsync(silo);
        }
    }

    private async Task ConnectQuietlyAsync(SiloAddress silo)
    {
        try
        {
            await _connections.GetEstablishedAsync(silo).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is SiloUnavailableException or ObjectDisposedException)
        {
            LogConnectFailed(_logger, silo, ex.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Cluster client {ClientId} started; view {View}")]
    private static partial void LogStarted(ILogger logger, string clientId, MembershipView view);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Reading the membership table failed; keeping the last view")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not connect to silo {Silo}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, SiloAddress silo, string reason);
}
