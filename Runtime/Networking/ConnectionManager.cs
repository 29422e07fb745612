using System.Collections.Concurrent;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Runtime.Identity;
using Runtime.Messaging;
using Runtime.Serialization;

namespace Runtime.Networking;

/// <summary>
/// Outgoing connections of a silo (to other silos' silo ports) or a client (to silos' gateway ports), one per target
/// silo incarnation, opened on first use. A connection that closes is forgotten; the next call dials again.
/// </summary>
internal sealed partial class ConnectionManager : IAsyncDisposable
{
    private readonly ConcurrentDictionary<SiloAddress, Lazy<Task<Connection>>> _connections = new();
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

    /// <summary>The connection to <paramref name="target"/>; throws <see cref="SiloUnavailableException"/> when it cannot be made.</summary>
    public async Task<Connection> GetAsync(SiloAddress target)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        while (true)
        {
            var lazy = _connections.GetOrAdd(target, t => new Lazy<Task<Connection>>(() => ConnectAsync(t)));
            Connection connection;
            try
            {
                connection = await lazy.Value.ConfigureAwait(false);
            }
            catch
            {
                _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<Connection>>>(target, lazy));
                throw;
            }
            if (!connection.IsClosed)
            {
                return connection;
            }
            _connections.TryRemove(new KeyValuePair<SiloAddress, Lazy<Task<Connection>>>(target, lazy));
        }
    }

    /// <summary>Closes the connection to a silo (it was declared dead).</summary>
    public void Close(SiloAddress target)
    {
        if (_connections.TryRemove(target, out var lazy) && lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
        {
            lazy.Value.Result.Abort();
        }
    }

    private async Task<Connection> ConnectAsync(SiloAddress target)
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
            var connection = new Connection(pipe, ConnectionRole.Silo, target.ToString(), _handler, _options, _logger);
            connection.Start();
            LogConnected(_logger, target);
            return connection;
        }
        catch (Exception ex) when (ex is SocketException or OperationCanceledException or IOException or ConnectionLostException or WireFormatException)
        {
            socket.Dispose();
            throw new SiloUnavailableException($"Cannot connect to silo {target} at {endPoint}: {ex.Message}", ex);
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        foreach (var lazy in _connections.Values)
        {
            if (lazy.IsValueCreated && lazy.Value.IsCompletedSuccessfully)
            {
                var connection = lazy.Value.Result;
                connection.Abort();
                await connection.Completion.ConfigureAwait(false);
            }
        }
        _connections.Clear();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Connected to silo {Silo}")]
    private static partial void LogConnected(ILogger logger, SiloAddress silo);
}
