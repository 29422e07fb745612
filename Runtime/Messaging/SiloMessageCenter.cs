using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Runtime.Activation;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Membership;
using Runtime.Placement;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// A silo's frame handler for every connection, inbound or outbound: requests go to the catalog (after the ownership
/// check), responses to the pending calls, pings are answered. Also delivers grain-to-observer notifications to the
/// connections of connected clients.
/// </summary>
internal sealed partial class SiloMessageCenter : IFrameHandler, ILocalGrainDispatcher, IObserverNotifier
{
    /// <summary>The client id prefix of observers hosted by a silo: <c>silo/{address}</c>.</summary>
    public const string SiloObserverPrefix = "silo/";

    private readonly ConcurrentDictionary<string, Connection> _clients = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<long, IGrainObserver> _localObservers = new();
    private long _nextObserverKey;
    private Networking.ConnectionManager? _siloConnections;
    private readonly ClusterMembership _membership;
    private readonly IPlacementDirector _placement;
    private readonly PendingCalls _pending;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private Catalog? _catalog;

    public SiloMessageCenter(SiloAddress self, ClusterMembership membership, IPlacementDirector placement, PendingCalls pending,
        TimeProvider time, ILogger logger)
    {
        Self = self;
        _membership = membership;
        _placement = placement;
        _pending = pending;
        _time = time;
        _logger = logger;
    }

    public SiloAddress Self { get; }

    /// <summary>Set once the silo accepts no more work (stopping or killed).</summary>
    public bool IsStopped { get; set; }

    public int ConnectedClients => _clients.Count;

    public void AttachCatalog(Catalog catalog, Networking.ConnectionManager siloConnections)
    {
        _catalog = catalog;
        _siloConnections = siloConnections;
    }

    /// <summary>The observer client id of this silo.</summary>
    public string LocalObserverClientId => SiloObserverPrefix + Self;

    public ObserverId CreateObserver(IGrainObserver observer)
    {
        var key = Interlocked.Increment(ref _nextObserverKey);
        _localObservers[key] = observer;
        return new ObserverId(LocalObserverClientId, key);
    }

    public bool DeleteObserver(ObserverId observer) =>
        observer.ClientId == LocalObserverClientId && _localObservers.TryRemove(observer.Key, out _);

    public void Dispatch(GrainId target, in MailboxItem item)
    {
        if (IsStopped || _catalog is null)
        {
            item.Sink?.Reject(item.CorrelationId, CallStatus.ShuttingDown, $"Silo {Self} is stopping.");
            return;
        }
        _catalog.Dispatch(target, item);
    }

    public bool TryDispatch(GrainId target, in MailboxItem item)
    {
        if (IsStopped || _catalog is null)
        {
            item.Sink?.Reject(item.CorrelationId, CallStatus.ShuttingDown, $"Silo {Self} is stopping.");
            return true;
        }
        return _catalog.TryDispatch(target, item);
    }

    public void OnFrame(Connection connection, Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Request:
            case FrameKind.OneWay:
                OnRequest(connection, frame);
                break;
            case FrameKind.Response:
                _pending.Complete(frame);
                break;
            case FrameKind.Ping:
                connection.Send(new Frame { Kind = FrameKind.Pong, CorrelationId = frame.CorrelationId, ViewVersion = _membership.Current.Version });
                break;
            case FrameKind.Pong:
                break;
            case FrameKind.ObserverNotify:
                DeliverLocally(frame.Observer, frame.Body!);
                break;
            default:
                LogUnexpectedFrame(_logger, frame.Kind, connection.RemoteId);
                break;
        }
    }

    private void OnRequest(Connection connection, Frame frame)
    {
        var sink = frame.Kind == FrameKind.Request ? connection : null;
        var view = _membership.Current;
        if (IsStopped)
        {
            sink?.Reject(frame.CorrelationId, CallStatus.ShuttingDown, $"Silo {Self} is stopping.");
            return;
        }
        // Serve when this silo owns the grain in its view, when the caller has a newer view (it knows better),
        // or when the grain is already active here (it is moving away; the activation still answers until it leaves).
        if (frame.ViewVersion <= view.Version && !_catalog!.IsActive(frame.Target)
            && (view.ActiveSilos.Count == 0 || _placement.PickOwner(frame.Target, view.ActiveSilos) != Self))
        {
            sink?.Reject(frame.CorrelationId, CallStatus.NotOwner, $"Silo {Self} does not own {frame.Target} in view {view.Version}.");
            return;
        }
        if (frame.ViewVersion > view.Version)
        {
            _membership.RequestRefresh();
        }
        var deadline = frame.TtlMilliseconds == 0 ? 0 : _time.GetTimestamp() + frame.TtlMilliseconds * _time.TimestampFrequency / 1000;
        _catalog!.Dispatch(frame.Target, new MailboxItem(frame.Body!, sink, frame.CorrelationId, deadline));
    }

    public void OnSendFailed(Connection connection, Frame frame, Exception exception)
    {
        if (frame.Kind == FrameKind.Request)
        {
            _pending.Fail(frame.CorrelationId, exception is ConnectionLostException ? exception
                : new ConnectionLostException($"Could not send to {connection.RemoteId}: {exception.Message}", exception));
        }
        else if (frame.Kind == FrameKind.Response)
        {
            LogResponseLost(_logger, connection.RemoteId, exception.Message);
        }
    }

    public void OnClosed(Connection connection, Exception? reason)
    {
        _pending.FailAll(connection);
        if (connection.RemoteRole == ConnectionRole.Client)
        {
            _clients.TryRemove(new KeyValuePair<string, Connection>(connection.RemoteId, connection));
        }
    }

    /// <summary>Registers an accepted client connection so grains can push to that client's observers.</summary>
    public void RegisterClient(Connection connection) => _clients[connection.RemoteId] = connection;

    public bool IsReachable(ObserverId observer)
    {
        var route = RouteOf(observer);
        return route.Local ? _localObservers.ContainsKey(observer.Key) : route.Silo is not null || route.Client is not null;
    }

    public void Notify(ObserverId observer, IWireMessage message)
    {
        var route = RouteOf(observer);
        if (route.Local)
        {
            DeliverLocally(observer, message);
        }
        else if (route.Silo is { } silo)
        {
            _siloConnections!.Get(silo).Send(new Frame { Kind = FrameKind.ObserverNotify, Observer = observer, Body = message });
        }
        else if (route.Client is { } connection)
        {
            connection.Send(new Frame { Kind = FrameKind.ObserverNotify, Observer = observer, Body = message });
        }
        else
        {
            LogObserverUnreachable(_logger, observer);
        }
    }

    /// <summary>Where a push to <paramref name="observer"/> goes: this silo's own observers, another live silo that hosts
    /// it, or the connection of the client (gateway) that created it; none of them when it cannot be reached.</summary>
    private (bool Local, SiloAddress? Silo, Connection? Client) RouteOf(ObserverId observer)
    {
        if (observer.ClientId.StartsWith(SiloObserverPrefix, StringComparison.Ordinal))
        {
            if (observer.ClientId == LocalObserverClientId)
            {
                return (true, null, null);
            }
            var hosted = _siloConnections is not null && SiloAddress.TryParse(observer.ClientId[SiloObserverPrefix.Length..], out var silo)
                && !_membership.Current.IsDead(silo) ? silo : null;
            return (false, hosted, null);
        }
        return (false, null, _clients.TryGetValue(observer.ClientId, out var connection) ? connection : null);
    }

    private void DeliverLocally(ObserverId observer, IWireMessage message)
    {
        if (observer.ClientId != LocalObserverClientId || !_localObservers.TryGetValue(observer.Key, out var target))
        {
            LogObserverUnreachable(_logger, observer);
            return;
        }
        try
        {
            target.OnNotify(message);
        }
        catch (Exception ex)
        {
            LogObserverFailed(_logger, observer, ex);
        }
    }

    public void AbortClients()
    {
        foreach (var connection in _clients.Values)
        {
            connection.Abort();
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unexpected {Kind} frame from {RemoteId}")]
    private static partial void LogUnexpectedFrame(ILogger logger, FrameKind kind, string remoteId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "A response to {RemoteId} was lost: {Reason}")]
    private static partial void LogResponseLost(ILogger logger, string remoteId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observer {Observer} threw while handling a notification")]
    private static partial void LogObserverFailed(ILogger logger, ObserverId observer, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Observer {Observer} is not connected to this silo; notification dropped")]
    private static partial void LogObserverUnreachable(ILogger logger, ObserverId observer);
}
