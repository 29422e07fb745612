using System.IO.Pipelines;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Session;
using Gateway.Mqtt.Security;

namespace Gateway.Amqp.Transport;

/// <summary>Creates and runs an <see cref="AmqpConnection"/> for each accepted transport.</summary>
public sealed class AmqpConnectionFactory
{
    private readonly AmqpBridge _bridge;
    private readonly IMqttAuthenticator _authenticator;
    private readonly AmqpGatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _connections;

    public AmqpConnectionFactory(AmqpBridge bridge, IMqttAuthenticator authenticator, AmqpGatewayOptions options, ILoggerFactory loggerFactory,
        TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(loggerFactory);
        _bridge = bridge;
        _authenticator = authenticator;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger("Gateway.Amqp");
    }

    /// <summary>Connections currently open.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async Task RunAsync(IDuplexPipe transport, string remote)
    {
        Interlocked.Increment(ref _connections);
        try
        {
            var connection = new AmqpConnection(transport, remote, _bridge, _authenticator, _options, _time, _logger);
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }
}
