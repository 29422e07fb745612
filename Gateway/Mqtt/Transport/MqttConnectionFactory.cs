using System.IO.Pipelines;
using Gateway.Mqtt.Security;
using Gateway.Mqtt.Session;
using Gateway.Routing;
using Runtime.Core;

namespace Gateway.Mqtt.Transport;

/// <summary>Creates and runs an <see cref="MqttConnection"/> for each accepted transport (TCP or WebSocket).</summary>
public sealed class MqttConnectionFactory
{
    private readonly IGrainFactory _grains;
    private readonly IObserverFactory _observers;
    private readonly RouteTableCache _routes;
    private readonly IMqttAuthenticator _authenticator;
    private readonly MqttGatewayOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private int _connections;

    public MqttConnectionFactory(IGrainFactory grains, IObserverFactory observers, RouteTableCache routes, IMqttAuthenticator authenticator,
        MqttGatewayOptions options, ILoggerFactory loggerFactory, TimeProvider? time = null)
    {
        _grains = grains;
        _observers = observers;
        _routes = routes;
        _authenticator = authenticator;
        _options = options;
        _time = time ?? TimeProvider.System;
        _logger = loggerFactory.CreateLogger("Gateway.Mqtt");
    }

    /// <summary>This gateway's MQTT counters.</summary>
    public MqttStatistics Statistics { get; } = new();

    /// <summary>Connections currently open.</summary>
    public int Connections => Volatile.Read(ref _connections);

    public async Task RunAsync(IDuplexPipe transport, string remote)
    {
        Interlocked.Increment(ref _connections);
        try
        {
            var connection = new MqttConnection(transport, remote, _grains, _observers, _routes, _authenticator, _options, Statistics, _time, _logger);
            await connection.RunAsync().ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref _connections);
        }
    }
}
