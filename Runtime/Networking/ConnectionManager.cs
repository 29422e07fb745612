using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Runtime.Identity;
using Runtime.Messaging;
using Runtime.Serialization;

namespace Runtime.Networking;

/// <summary>
/// Outgoing connections of a silo (to other silos' silo ports) or a client (to silos' gateway ports), one per target
/// silo incarnation. <see cref="Get"/> returns at once: frames sent while the connection is still being dialed queue up
/// in order and go out once it is established, or fail (as lost, so calls retry) when it cannot be. A connection that
/// closes is forgotten; the next call dials again.
/// </summary>
internal sealed partial class ConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Connection> _connections = new();
    private readonly ConnectionRole _role;
    private readonly string _clusterId;
    private readonly string _selfId;
    private readonly IFrameHandler _handler;
    private readonly MessagingOptions _options;
    private readonly ILogger _logger;
    private volatile bool _disposed;

    public ConnectionManager(ConnectionRole role, string clusterId, string selfId, IFrameHandler handler,
        MessagingOptions options, ILogger logger)
    {
        _role = role;
        _clusterId = clusterId;
        _selfId = selfId;
        _handler = handler;
        _options = options;
        _logger = logger;
    }

    public IEnumerable<SiloAddress> ConnectedSilos => _connections.Keys;

    /// <summary>The connection to <paramref name="target"/>, dialing it in the background if there is none.</summary>
    public Connection Get(SiloAddress target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            if (_connections.TryGetValue(target, out var existing))
            {
                if (!existing.IsClosed)
                {
                    return existing;
                }
                _connections.TryRemove(new KeyValuePair<SiloAddress, Connection>(target, existing));
                continue;
            }
            var connection = new Connection(ConnectionRole.Silo, target.ToString(), _handler, _options, _logger);
            if (_connections.TryAdd(target, connection))
            {
                _ = DialAsync(target, connection);
                return connection;
            }
        }
    }

    /// <summary>The connection to <paramref name="target"/> once established; throws <see cref="SiloUnavailableException"/>
    /// when it cannot be.</summary>
    public async Task<Connection> GetEstablishedAsync(SiloAddress target)
    {
        var connection = Get(target);
        await connection.Established.ConfigureAwait(false);
        return connection;
    }

    /// <summary>Closes the connection to a silo (it was declared dead, or a call found it unreachable).</summary>
    public void Close(SiloAddress target)
    {
        if (_connections.TryRemove(target, out var connection))
        {
            connection.Abort();
        }
    }

    private async Task DialAsync(SiloAddress target, Connection connection)
    {
        var endPoint = _role == ConnectionRole.Silo ? target.SiloEndPoint : target.GatewayEndPoint;
        using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
        var socket = new Socket(endPoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endPoint, timeout.Token).ConfigureAwait(false);
            var pipe = new StreamDuplexPipe(new NetworkStream(socket, ownsSocket: true));
            await Handshake.WriteAsync(pipe.Output, new ConnectionPreamble(_role, _clusterId, _selfId, target.ToString()), timeout.Token).ConfigureAwait(false);
            var answer = await Handshake.ReadAsync(pipe.Input, timeout.Token).ConfigureAwait(false);
            if (answer.SenderId != target.ToString() || answer.ClusterId != _clusterId)
            {
                await pipe.Output.CompleteAsync().ConfigureAwait(false);
                throw new SiloUnavailableException($"{endPoint} answered as {answer.SenderId} of cluster '{answer.ClusterId}', not {target}.");
            }
            if (connection.IsClosed)
            {
                await pipe.Output.CompleteAsync().ConfigureAwait(false);
                return;
            }
            connection.Start(pipe);
            LogConnected(_logger, target);
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException or ConnectionLostException
            or WireFormatException or SiloUnavailableException)
        {
            socket.Dispose();
            LogConnectFailed(_logger, target, ex.Message);
            _connections.TryRemove(new KeyValuePair<SiloAddress, Connection>(target, connection));
            connection.Abort(new SiloUnavailableException($"Cannot connect to silo {target} at {endPoint}: {ex.Message}", ex));
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var connection in _connections.Values)
        {
            connection.Abort();
            await connection.Completion.ConfigureAwait(false);
        }
        _connections.Clear();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to silo {Silo}")]
    private static partial void LogConnected(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not connect to silo {Silo}: {Reason}")]
    private static partial void LogConnectFailed(ILogger logger, SiloAddress silo, string reason);
}
