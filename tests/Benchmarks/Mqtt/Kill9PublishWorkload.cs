using System.Diagnostics;
using System.Globalization;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// First half of the kill -9 durability check. A persistent QoS 1 subscriber subscribes and disconnects normally, so
/// its session must keep what is published for it. One publisher then publishes QoS 1 flat out (in-flight window as
/// usual); the moment the <c>--kill9-messages</c>-th PUBACK arrives the program sends SIGKILL to the broker
/// (<c>--broker-pid</c>) while the publisher still has a full window in flight. Every PUBACK read before the connection
/// died counts as acknowledged; the set is written to <c>--state-file</c> for kill9-verify, which runs after the broker
/// has been restarted on the same data.
/// </summary>
public sealed class Kill9PublishWorkload : IMqttWorkload
{
    public string Name => "kill9-publish";

    public string Describe(MqttBenchmarkOptions options) =>
        $"persistent QoS 1 subscriber offline; 1 publisher QoS 1 flat out; SIGKILL to the broker at PUBACK #{options.Kill9Messages:N0}";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var topic = $"bench/kill9/{context.RunTag}";
        var subscriberId = $"bench-kill9-s-{context.RunTag}";
        var subscriber = await LoadSubscriber.ConnectAsync(context, subscriberId, cleanSession: false, topic, MqttQualityOfService.AtLeastOnce,
            cancellationToken).ConfigureAwait(false);
        await subscriber.DisposeAsync().ConfigureAwait(false); // DISCONNECT: the session stays, offline

        using var broker = Process.GetProcessById(options.BrokerPid!.Value);
        var killed = 0;
        long killedAt = 0;
        var publisher = await LoadPublisher.ConnectAsync(context, 0, $"bench-kill9-p-{context.RunTag}", cancellationToken).ConfigureAwait(false);
        var phase = WorkloadContext.NewPhase();
        publisher.BeginPhase(phase);
        publisher.OnAcknowledgedCount = count =>
        {
            if (count >= options.Kill9Messages && Interlocked.Exchange(ref killed, 1) == 0)
            {
                broker.Kill(); // SIGKILL, from the receive loop, right after this PUBACK
                killedAt = Stopwatch.GetTimestamp();
            }
        };
        await using var resources = context.Monitor.Start();
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(Math.Max(60, options.Duration.TotalSeconds) * Stopwatch.Frequency);
        await Task.Run(() => publisher.RunFlatOutAsync(topic, MqttQualityOfService.AtLeastOnce, deadline, long.MaxValue, null, 0))
            .ConfigureAwait(false);
        var publishEnd = Stopwatch.GetTimestamp();
        await publisher.Client.Closed.WaitAsync(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
        var inFlightAtDeath = publisher.Client.InFlight;
        await publisher.Client.AbortAsync().ConfigureAwait(false);

        var state = new Kill9State
        {
            Phase = phase,
            Topic = topic,
            SubscriberId = subscriberId,
            Sent = publisher.Sent,
            Acknowledged = publisher.Expected,
        };
        state.Save(options.StateFile!);
        var seconds = Stopwatch.GetElapsedTime(start, publishEnd).TotalSeconds;
        var result = new WorkloadResult
        {
            Workload = Name,
            Title = Describe(options),
            Published = publisher.Sent,
            Acknowledged = publisher.Expected.Count,
            InRate = seconds > 0 ? publisher.Expected.Count / seconds : 0,
            Expected = publisher.Expected.Count,
            BrokerCpuSeconds = null,
            OwnCpuSeconds = resources.OwnCpuSeconds,
            OtherCpuSeconds = resources.OtherCpuSeconds,
            PeakRssBytes = resources.PeakResidentBytes,
            Elapsed = resources.Elapsed,
            Error = killed == 0 ? "the broker was not killed: fewer PUBACKs than --kill9-messages before the deadline or the connection ended" : null,
        };
        result.Extra["killed"] = killed == 1 ? "yes" : "no";
        result.Extra["acks_after_kill_signal"] = (publisher.Expected.Count - Math.Min(publisher.Expected.Count, options.Kill9Messages))
            .ToString(CultureInfo.InvariantCulture);
        result.Extra["unacknowledged_in_flight"] = inFlightAtDeath.ToString(CultureInfo.InvariantCulture);
        result.Extra["kill_after_s"] = killedAt == 0 ? "" : Stopwatch.GetElapsedTime(start, killedAt).TotalSeconds.ToString("F2", CultureInfo.InvariantCulture);
        return result;
    }
}
