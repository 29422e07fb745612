using System.Globalization;
using System.Reflection;
using System.Text;
using Gateway.Routing;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Topics;
using Runtime.Core;

namespace Gateway.Mqtt;

/// <summary>
/// Publishes the broker's statistics as retained messages under <c>$SYS/broker/</c> at a fixed interval (the topics
/// mosquitto publishes: version, uptime, clients/connected, messages/received, messages/sent). <c>$SYS</c> topics are
/// not matched by a leading wildcard [MQTT-4.7.2-1]: subscribe to <c>$SYS/#</c>.
/// </summary>
public sealed partial class SysTopicsPublisher : IAsyncDisposable
{
    private readonly IGrainFactory _grains;
    private readonly RouteTableCache _routes;
    private readonly MqttStatistics _statistics;
    private readonly TimeSpan _interval;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly long _started;
    private readonly string _version;
    private Task? _loop;

    public SysTopicsPublisher(IGrainFactory grains, RouteTableCache routes, MqttStatistics statistics, TimeSpan interval,
        ILogger<SysTopicsPublisher> logger, TimeProvider? time = null)
    {
        _grains = grains;
        _routes = routes;
        _statistics = statistics;
        _interval = interval;
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _started = _time.GetTimestamp();
        _version = typeof(SysTopicsPublisher).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0";
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Publishes every statistic once now.</summary>
    public async Task PublishAsync(CancellationToken cancellationToken)
    {
        var uptime = (long)_time.GetElapsedTime(_started).TotalSeconds;
        (string Topic, string Value)[] values =
        [
            ("$SYS/broker/version", "broker " + _version),
            ("$SYS/broker/uptime", uptime.ToString(CultureInfo.InvariantCulture) + " seconds"),
            ("$SYS/broker/clients/connected", _statistics.ConnectedClients.ToString(CultureInfo.InvariantCulture)),
            ("$SYS/broker/messages/received", _statistics.MessagesReceived.ToString(CultureInfo.InvariantCulture)),
            ("$SYS/broker/messages/sent", _statistics.MessagesSent.ToString(CultureInfo.InvariantCulture)),
        ];
        var now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        foreach (var (topic, value) in values)
        {
            var message = new BrokerMessage
            {
                MessageId = $"sys:{topic}:{now}",
                Address = topic,
                Payload = Encoding.UTF8.GetBytes(value),
                Qos = 0,
                Retain = true,
                Durable = false,
                CreatedAt = now,
                PayloadIsUtf8 = true,
            };
            await TopicPublisher.PublishAsync(_grains, _routes.Match(topic), message, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RunAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_interval, _time);
        try
        {
            do
            {
                try
                {
                    await PublishAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    LogFailed(_logger, ex);
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }
        _stop.Dispose();
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing $SYS statistics failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
