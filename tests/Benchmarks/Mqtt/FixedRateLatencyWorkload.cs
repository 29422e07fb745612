using System.Diagnostics;
using System.Globalization;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// Latency at a fixed, moderate load: 1 publisher -> 1 topic -> 1 subscriber at QoS 1, <c>--rate</c> messages/s (4,000
/// by default, well below either broker's capacity), so the percentiles show the broker's own delay, not queueing.
/// Latency is from the publisher handing the PUBLISH to its socket writer to the subscriber decoding it;
/// <c>p99_from_schedule_us</c> measures from the time the message was due instead (it adds the publisher's pacing and
/// any wait for the in-flight window).
/// </summary>
public sealed class FixedRateLatencyWorkload : IMqttWorkload
{
    public string Name => "latency";

    public string Describe(MqttBenchmarkOptions options) =>
        $"1 publisher -> 1 topic -> 1 subscriber, QoS 1, {options.PayloadSize} B, fixed {options.Rate:N0} msg/s, in-flight {options.InFlight}";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var topic = $"bench/latency/{context.RunTag}";
        await using var subscriber = await LoadSubscriber.ConnectAsync(context, $"bench-latency-s-{context.RunTag}", cleanSession: true, topic,
            MqttQualityOfService.AtLeastOnce, cancellationToken).ConfigureAwait(false);
        await using var publisher = await LoadPublisher.ConnectAsync(context, 0, $"bench-latency-p-{context.RunTag}", cancellationToken)
            .ConfigureAwait(false);
        if (options.Warmup > TimeSpan.Zero)
        {
            context.Log($"warm-up {options.Warmup.TotalSeconds:0.#} s");
            await RunPhaseAsync(context, topic, publisher, subscriber, options.Warmup).ConfigureAwait(false);
        }
        context.Log($"measuring {options.Duration.TotalSeconds:0.#} s");
        return await RunPhaseAsync(context, topic, publisher, subscriber, options.Duration).ConfigureAwait(false);
    }

    private async Task<WorkloadResult> RunPhaseAsync(WorkloadContext context, string topic, LoadPublisher publisher, LoadSubscriber subscriber,
        TimeSpan duration)
    {
        var options = context.Options;
        var phase = WorkloadContext.NewPhase();
        var tracker = subscriber.Track(phase, 1);
        publisher.BeginPhase(phase);
        await using var resources = context.Monitor.Start();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        await Task.Run(() => publisher.RunFixedRateAsync(topic, MqttQualityOfService.AtLeastOnce, options.Rate, start, deadline, options.MaxMessages))
            .ConfigureAwait(false);
        var publishEnd = Stopwatch.GetTimestamp();
        await publisher.Client.WaitForAcknowledgementsAsync(options.DrainTimeout).ConfigureAwait(false);
        var complete = await PhaseMeasurement.WaitForDeliveryAsync([publisher], [tracker], options.DrainTimeout, TimeSpan.FromSeconds(5))
            .ConfigureAwait(false);
        subscriber.StopTracking();
        var error = PhaseMeasurement.ConnectionErrors([publisher.Client, subscriber.Client]);
        var result = PhaseMeasurement.Measure(Name, Describe(options), [publisher], [tracker], acknowledged: true, start, publishEnd, resources, error);
        result.Extra["drained"] = complete ? "yes" : "no";
        result.Extra["p50_from_schedule_us"] = tracker.ScheduledLatency.Percentile(50).ToString(CultureInfo.InvariantCulture);
        result.Extra["p99_from_schedule_us"] = tracker.ScheduledLatency.Percentile(99).ToString(CultureInfo.InvariantCulture);
        result.Extra["p999_us"] = tracker.Latency.Percentile(99.9).ToString(CultureInfo.InvariantCulture);
        return result;
    }
}
