using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Identity;

namespace Runtime.Messaging;

/// <summary>A cluster client's frame handler: responses complete pending calls; notifications go to observers.</summary>
internal sealed partial class ClientMessageCenter : IFrameHandler
{
    private readonly ConcurrentDictionary<long, IGrainObserver> _observers = new();
    private readonly PendingCalls _pending;
    private readonly ILogger _logger;

    public ClientMessageCenter(PendingCalls pending, ILogger logger)
    {
        _pending = pending;
        _logger = logger;
    }

    public void AddObserver(long key, IGrainObserver observer) => _observers[key] = observer;

    public bool RemoveObserver(long key) => _observers.TryRemove(key, out _);

    public void OnFrame(Connection connection, Frame frame)
    {
        switch (frame.Kind)
        {
            case FrameKind.Response:
                _pending.Complete(frame);
                break;
            case FrameKind.ObserverNotify:
                if (_observers.TryGetValue(frame.Observer.Key, out var observer))
                {
                    try
                    {
                        observer.OnNotify(frame.Body!);
                    }
                    catch (Exception ex)
                    {
                        LogObserverFailed(_logger, frame.Observer, ex);
                    }
                }
                break;
            case FrameKind.Ping:
                connection.Send(new Frame { Kind = FrameKind.Pong, CorrelationId = frame.CorrelationId });
                break;
            default:
                LogUnexpectedFrame(_logger, frame.Kind, connection.RemoteId);
                break;
        }
    }

    public void OnSendFailed(Connection connection, Frame frame, Exception exception)
    {
        if (frame.Kind == FrameKind.Request)
        {
            _pending.Fail(frame.CorrelationId, exception is ConnectionLostException ? exception
                : new ConnectionLostException($"Could not send to {connection.RemoteId}: {exception.Message}", exception));
        }
    }

    public void OnClosed(Connection connection, Exception? reason) => _pending.FailAll(connection);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Observer {Observer} threw while handling a notification")]
    private static partial void LogObserverFailed(ILogger logger, ObserverId observer, Exception exception);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Unexpected {Kind} frame from {RemoteId}")]
    private static partial void LogUnexpectedFrame(ILogger logger, FrameKind kind, string remoteId);
}
