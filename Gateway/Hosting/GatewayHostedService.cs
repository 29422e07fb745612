
namespace Gateway.Hosting;

/// <summary>
/// The gateway's place in a host, co-hosted in a silo (embedded broker) or alone (gateway process). It starts after the
/// silo or cluster client, so grains are reachable when it runs. The MQTT (1883, 8083/mqtt) and AMQP (5672) front ends
/// bind their Kestrel listeners here when they are built (issues "MQTT gateway" and "AMQP 1.0 gateway"); until then
/// the gateway serves no client protocol and says so.
/// </summary>
public sealed partial class GatewayHostedService : IHostedService
{
    private readonly IGrainFactoryAccessor _grains;
    private readonly ILogger _logger;

    public GatewayHostedService(IGrainFactoryAccessor grains, ILogger<GatewayHostedService> logger)
    {
        _grains = grains;
        _logger = logger;
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (_grains.GrainFactory is null)
        {
            throw new InvalidOperationException("The gateway started before its silo or cluster client.");
        }
        LogNoProtocols(_logger);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Information, Message = "Gateway ready; no client protocol listener is built yet (MQTT and AMQP come with their issues)")]
    private static partial void LogNoProtocols(ILogger logger);
}
