using System.Diagnostics;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// N publishers -> T topics -> M subscribers (clean sessions), as fast as the broker sustains: publisher i publishes to
/// topic i mod T and subscriber j subscribes to topic j mod T (T = 1: every subscriber hears every publisher; T = N = M:
/// independent publisher/subscriber pairs, which spread over the silos of a cluster). Each publisher runs flat out but
/// stays at most <c>--lead</c> messages ahead of its slowest subscriber, and at QoS 1 keeps at most <c>--inflight</c>
/// PUBLISHes unacknowledged. A warm-up phase, then the measured phase.
/// </summary>
public sealed class ThroughputWorkload : IMqttWorkload
{
    private readonly Func<MqttBenchmarkOptions, int> _publishers;
    private readonly Func<MqttBenchmarkOptions, int> _subscribers;
    private readonly Func<MqttBenchmarkOptions, int> _topics;
    private readonly MqttQualityOfService _qos;

    public ThroughputWorkload(string name, Func<MqttBenchmarkOptions, int> publishers, Func<MqttBenchmarkOptions, int> subscribers, MqttQualityOfService qos,
        Func<MqttBenchmarkOptions, int>? topics = null)
    {
        Name = name;
        _publishers = publishers;
        _subscribers = subscribers;
        _topics = topics ?? (_ => 1);
        _qos = qos;
    }

    public string Name { get; }

    public string Describe(MqttBenchmarkOptions options) =>
        $"{_publishers(options)} publisher(s) -> {_topics(options)} topic(s) -> {_subscribers(options)} subscriber(s), QoS {(int)_qos}, {options.PayloadSize} B, " +
        $"flat out (lead {options.Lead}{(_qos == MqttQualityOfService.AtMostOnce ? "" : $", in-flight {options.InFlight}")})";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var topicCount = Math.Max(1, _topics(options));
        string TopicOf(int index) => topicCount == 1 ? $"bench/{Name}/{context.RunTag}" : $"bench/{Name}/{context.RunTag}/{index % topicCount}";
        var subscribers = new List<LoadSubscriber>();
        var publishers = new List<LoadPublisher>();
        try
        {
            for (var i = 0; i < _subscribers(options); i++)
            {
                subscribers.Add(await LoadSubscriber.ConnectAsync(context, $"bench-{Name}-s{i}-{context.RunTag}", cleanSession: true, TopicOf(i), _qos,
                    cancellationToken).ConfigureAwait(false));
            }
            for (var i = 0; i < _publishers(options); i++)
            {
                publishers.Add(await LoadPublisher.ConnectAsync(context, i, $"bench-{Name}-p{i}-{context.RunTag}", cancellationToken).ConfigureAwait(false));
            }
            if (options.Warmup > TimeSpan.Zero)
            {
                context.Log($"warm-up {options.Warmup.TotalSeconds:0.#} s");
                await RunPhaseAsync(context, TopicOf, publishers, subscribers, options.Warmup).ConfigureAwait(false);
            }
            context.Log($"measuring {options.Duration.TotalSeconds:0.#} s");
            return await RunPhaseAsync(context, TopicOf, publishers, subscribers, options.Duration).ConfigureAwait(false);
        }
        finally
        {
            foreach (var client in publishers.Cast<IAsyncDisposable>().Concat(subscribers))
            {
                await client.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private async Task<WorkloadResult> RunPhaseAsync(WorkloadContext context, Func<int, string> topicOf, List<LoadPublisher> publishers,
        List<LoadSubscriber> subscribers, TimeSpan duration)
    {
        var options = context.Options;
        var topicCount = Math.Max(1, _topics(options));
        bool Routes(int subscriber, int publisher) => subscriber % topicCount == publisher % topicCount;
        var phase = WorkloadContext.NewPhase();
        var trackers = subscribers.Select(s => s.Track(phase, publishers.Count)).ToList();
        foreach (var publisher in publishers)
        {
            publisher.BeginPhase(phase);
        }
        await using var resources = context.Monitor.Start();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var perPublisher = Math.Max(1, options.MaxMessages / publishers.Count);
        var running = publishers.Select(p => Task.Run(() => p.RunFlatOutAsync(topicOf(p.Index), _qos, deadline, perPublisher,
            () => Slowest(trackers, p.Index, Routes), options.Lead))).ToList();
        await Task.WhenAll(running).ConfigureAwait(false);
        var publishEnd = Stopwatch.GetTimestamp();
        foreach (var publisher in publishers)
        {
            await publisher.Client.WaitForAcknowledgementsAsync(options.DrainTimeout).ConfigureAwait(false);
        }
        var idle = _qos == MqttQualityOfService.AtMostOnce ? TimeSpan.FromSeconds(2) : TimeSpan.FromSeconds(5);
        var complete = await PhaseMeasurement.WaitForDeliveryAsync(publishers, trackers, options.DrainTimeout, idle, Routes).ConfigureAwait(false);
        foreach (var subscriber in subscribers)
        {
            subscriber.StopTracking();
        }
        var error = PhaseMeasurement.ConnectionErrors(publishers.Select(p => p.Client).Concat(subscribers.Select(s => s.Client)));
        var result = PhaseMeasurement.Measure(Name, Describe(options), publishers, trackers, _qos != MqttQualityOfService.AtMostOnce,
            start, publishEnd, resources, error, Routes);
        result.Extra["drained"] = complete ? "yes" : "no";
        return result;
    }

    /// <summary>The highest sequence of <paramref name="publisher"/> that every subscriber hearing it has received.</summary>
    private static long Slowest(List<DeliveryTracker> trackers, int publisher, Func<int, int, bool> routes)
    {
        var slowest = long.MaxValue;
        for (var t = 0; t < trackers.Count; t++)
        {
            if (routes(t, publisher))
            {
                slowest = Math.Min(slowest, trackers[t].Highest(publisher));
            }
        }
        return slowest;
    }
}
