using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// A subscribing client of a workload. What it receives goes to the <see cref="DeliveryTracker"/> of the current
/// phase; it can drop its connection and come back with the same client id (a persistent session), keeping its
/// tracker, so redeliveries are recognised as duplicates.
/// </summary>
public sealed class LoadSubscriber : IAsyncDisposable
{
    private readonly WorkloadContext _context;
    private readonly ConnectSettings _settings;
    private DeliveryTracker? _tracker;
    private long _untracked;

    private LoadSubscriber(WorkloadContext context, ConnectSettings settings)
    {
        _context = context;
        _settings = settings;
    }

    public LoadClient Client { get; private set; } = null!;

    /// <summary>PUBLISHes received while no phase was being tracked.</summary>
    public long Untracked => Interlocked.Read(ref _untracked);

    /// <summary>Connects; subscribes to <paramref name="filter"/> unless it is null (a persistent session that already has it).</summary>
    public static async Task<LoadSubscriber> ConnectAsync(WorkloadContext context, string clientId, bool cleanSession, string? filter,
        MqttQualityOfService qos, CancellationToken cancellationToken)
    {
        var subscriber = Create(context, clientId, cleanSession);
        await subscriber.ReconnectAsync(cancellationToken).ConfigureAwait(false);
        if (filter is not null)
        {
            await subscriber.Client.SubscribeAsync(filter, qos, cancellationToken).ConfigureAwait(false);
        }
        return subscriber;
    }

    /// <summary>A subscriber not connected yet: <see cref="Track"/> can start before the first <see cref="ReconnectAsync"/>, so
    /// that what a persistent session delivers right after CONNACK is counted.</summary>
    public static LoadSubscriber Create(WorkloadContext context, string clientId, bool cleanSession) =>
        new(context, new ConnectSettings(clientId, cleanSession, context.Options.Version, ReceiveMaximum: context.Options.ReceiveMaximum));

    /// <summary>A new connection with the same client id and clean-session flag (the old one must be closed).</summary>
    public async Task ReconnectAsync(CancellationToken cancellationToken) =>
        Client = await LoadClient.ConnectAsync(_context.Options.Broker, _settings, _context.Options.InFlight, OnPublish, null, cancellationToken)
            .ConfigureAwait(false);

    /// <summary>Starts a new tracker for <paramref name="phase"/>; what arrives from now on is counted there.</summary>
    public DeliveryTracker Track(int phase, int publishers)
    {
        var tracker = new DeliveryTracker(phase, publishers);
        Volatile.Write(ref _tracker, tracker);
        return tracker;
    }

    public void StopTracking() => Volatile.Write(ref _tracker, null);

    private void OnPublish(PublishPacket publish)
    {
        if (Volatile.Read(ref _tracker) is { } tracker)
        {
            tracker.Record(publish.Payload.Span, publish.Dup);
        }
        else
        {
            Interlocked.Increment(ref _untracked);
        }
    }

    public ValueTask DisposeAsync() => Client is null ? ValueTask.CompletedTask : new ValueTask(Client.DisconnectAsync());
}
