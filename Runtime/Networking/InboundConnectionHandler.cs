using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using Runtime.Messaging;
using Runtime.Serialization;

namespace Runtime.Networking;

/// <summary>
/// Accepts runtime connections on a silo's silo port or gateway port (Kestrel calls it per connection): checks the
/// peer's preamble, answers with the silo's own, then runs the connection until it closes. A bad preamble or a
/// malformed frame closes that connection only, logged once.
/// </summary>
internal sealed partial class InboundConnectionHandler
{
    private readonly ConnectionRole _expectedRole;
    private readonly string _clusterId;
    private readonly Func<string> _selfId;
    private readonly Func<SiloMessageCenter?> _messageCenter;
    private readonly MessagingOptions _options;
    private readonly ILogger _logger;
    private readonly HashSet<Connection> _open = [];
    private readonly Lock _lock = new();

    public InboundConnectionHandler(ConnectionRole expectedRole, string clusterId, Func<string> selfId,
        Func<SiloMessageCenter?> messageCenter, MessagingOptions options, ILogger logger)
    {
        _expectedRole = expectedRole;
        _clusterId = clusterId;
        _selfId = selfId;
        _messageCenter = messageCenter;
        _options = options;
        _logger = logger;
    }

    public async Task OnConnectedAsync(ConnectionContext context)
    {
        var transport = context.Transport;
        ConnectionPreamble preamble;
        try
        {
            using var timeout = new CancellationTokenSource(_options.ConnectTimeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(timeout.Token, context.ConnectionClosed);
            preamble = await Handshake.ReadAsync(transport.Input, linked.Token).ConfigureAwait(false);
            var refusal = _messageCenter() is null ? "the silo is still starting" : Check(preamble);
            if (refusal is not null)
            {
                LogRefused(_logger, context.RemoteEndPoint?.ToString() ?? "?", refusal);
                return;
            }
            await Handshake.WriteAsync(transport.Output,
                new ConnectionPreamble(ConnectionRole.Silo, _clusterId, _selfId(), preamble.SenderId), linked.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WireFormatException or OperationCanceledException or ConnectionLostException or IOException)
        {
            LogRefused(_logger, context.RemoteEndPoint?.ToString() ?? "?", ex.Message);
            return;
        }

        var messageCenter = _messageCenter()!;
        var connection = new Connection(transport, preamble.Role, preamble.SenderId, messageCenter, _options, _logger);
        lock (_lock)
        {
            _open.Add(connection);
        }
        if (preamble.Role == ConnectionRole.Client)
        {
            messageCenter.RegisterClient(connection);
        }
        try
        {
            connection.Start();
            await connection.Completion.ConfigureAwait(false);
        }
        finally
        {
            lock (_lock)
            {
                _open.Remove(connection);
            }
        }
    }

    /// <summary>Closes every accepted connection (the silo is stopping or killed).</summary>
    public void AbortAll()
    {
        Connection[] open;
        lock (_lock)
        {
            open = [.. _open];
        }
        foreach (var connection in open)
        {
            connection.Abort();
        }
    }

    private string? Check(ConnectionPreamble preamble)
    {
        if (!string.Equals(preamble.ClusterId, _clusterId, StringComparison.Ordinal))
        {
            return $"cluster id '{preamble.ClusterId}' is not this silo's '{_clusterId}'";
        }
        if (preamble.Role != _expectedRole)
        {
            return $"role {preamble.Role} is not accepted on the {_expectedRole} port";
        }
        if (preamble.ExpectedReceiverId.Length > 0 && !string.Equals(preamble.ExpectedReceiverId, _selfId(), StringComparison.Ordinal))
        {
            // [Orleans SiloConnection] a dialer addressing an older generation of this endpoint must not reach the new one.
            return $"it addressed {preamble.ExpectedReceiverId}, but this is {_selfId()}";
        }
        return null;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Refused a runtime connection from {RemoteEndPoint}: {Reason}")]
    private static partial void LogRefused(ILogger logger, string remoteEndPoint, string reason);
}
