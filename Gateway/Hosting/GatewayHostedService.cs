using Gateway.Amqp;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Transport;
using Gateway.Mqtt;
using Gateway.Mqtt.Security;
using Gateway.Mqtt.Transport;
using Gateway.Routing;
using Grains.Interfaces;

namespace Gateway.Hosting;

/// <summary>
/// The gateway's place in a host, co-hosted in a silo (embedded broker) or alone (gateway process). It starts after the
/// silo or cluster client, so grains are reachable when it runs: keeps the route-table cache and runs the MQTT
/// listeners (TCP and WebSocket) and the AMQP 1.0 listener.
/// </summary>
public sealed partial class GatewayHostedService : IHostedService, IAsyncDisposable
{
    private readonly IGrainFactoryAccessor _grains;
    private readonly MqttGatewayOptions _mqttOptions;
    private readonly AmqpGatewayOptions _amqpOptions;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private RouteTableCache? _routes;
    private MqttListener? _mqtt;
    private AmqpListener? _amqp;
    private SysTopicsPublisher? _sys;

    public GatewayHostedService(IGrainFactoryAccessor grains, MqttGatewayOptions mqttOptions, AmqpGatewayOptions amqpOptions, ILoggerFactory loggerFactory)
    {
        _grains = grains;
        _mqttOptions = mqttOptions;
        _amqpOptions = amqpOptions;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<GatewayHostedService>();
    }

    /// <summary>The MQTT listener once started (null when MQTT is off).</summary>
    public MqttListener? Mqtt => _mqtt;

    /// <summary>The AMQP listener once started (null when AMQP is off).</summary>
    public AmqpListener? Amqp => _amqp;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var grains = _grains.GrainFactory ?? throw new InvalidOperationException("The gateway started before its silo or cluster client.");
        var observers = _grains.Observers ?? throw new InvalidOperationException("The gateway has no observer factory.");
        BrokerWireTypes.Register();
        if (_mqttOptions.Enabled || _amqpOptions.Enabled)
        {
            _routes = new RouteTableCache(grains, observers, _loggerFactory.CreateLogger<RouteTableCache>());
            await _routes.StartAsync(cancellationToken).ConfigureAwait(false);
        }
        if (_mqttOptions.Enabled)
        {
            if (_mqttOptions.AllowAnonymous)
            {
                LogAnonymous(_logger);
            }
            var factory = new MqttConnectionFactory(grains, observers, _routes!, new UserStoreAuthenticator(grains, _mqttOptions.AllowAnonymous),
                _mqttOptions, _loggerFactory);
            _mqtt = new MqttListener(factory, _mqttOptions, _loggerFactory.CreateLogger<MqttListener>());
            await _mqtt.StartAsync(cancellationToken).ConfigureAwait(false);
            if (_mqttOptions.SysInterval > TimeSpan.Zero)
            {
                _sys = new SysTopicsPublisher(grains, _routes!, factory.Statistics, _mqttOptions.SysInterval, _loggerFactory.CreateLogger<SysTopicsPublisher>());
                _sys.Start();
            }
        }
        if (_amqpOptions.Enabled)
        {
            if (_amqpOptions.AllowAnonymous)
            {
                LogAmqpAnonymous(_logger);
            }
            var factory = new AmqpConnectionFactory(new AmqpBridge(grains, observers, _routes!),
                new UserStoreAuthenticator(grains, _amqpOptions.AllowAnonymous), _amqpOptions, _loggerFactory);
            _amqp = new AmqpListener(factory, _amqpOptions, _loggerFactory.CreateLogger<AmqpListener>());
            await _amqp.StartAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Closes the listeners and stops the route cache before the silo or client it uses goes away.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _sys, null) is { } sys)
        {
            await sys.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _amqp, null) is { } amqp)
        {
            await amqp.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _mqtt, null) is { } mqtt)
        {
            await mqtt.DisposeAsync().ConfigureAwait(false);
        }
        if (Interlocked.Exchange(ref _routes, null) is { } routes)
        {
            await routes.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Idempotent: the host disposes this service both as itself and as a hosted service.</summary>
    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None).ConfigureAwait(false);

    [LoggerMessage(Level = LogLevel.Warning, Message = "MQTT accepts anonymous clients (Mqtt:AllowAnonymous = true, the embedded default); turn it off for anything but local use")]
    private static partial void LogAnonymous(ILogger logger);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP accepts anonymous clients (Amqp:AllowAnonymous = true, the embedded default); turn it off for anything but local use")]
    private static partial void LogAmqpAnonymous(ILogger logger);
}
