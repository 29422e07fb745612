using System.Diagnostics;
using System.Globalization;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// Second half of the kill -9 durability check, after the broker was restarted on the same data: the persistent
/// subscriber of kill9-publish reconnects (clean session off, no new SUBSCRIBE) and collects what its session kept.
/// Lost = acknowledged by the broker before it died and never delivered: the figure that must be 0 for a broker that
/// promises durable QoS 1. Waits up to 60 s for the broker to accept the connection.
/// </summary>
public sealed class Kill9VerifyWorkload : IMqttWorkload
{
    private static readonly TimeSpan ConnectPatience = TimeSpan.FromSeconds(60);

    public string Name => "kill9-verify";

    public string Describe(MqttBenchmarkOptions options) => "after SIGKILL and restart: the persistent subscriber reconnects and counts acknowledged-but-lost";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var state = Kill9State.Load(options.StateFile!);
        var subscriber = LoadSubscriber.Create(context, state.SubscriberId, cleanSession: false);
        var tracker = subscriber.Track(state.Phase, 1);
        var waiting = Stopwatch.StartNew();
        var connected = false;
        string? error = null;
        while (!connected)
        {
            try
            {
                await subscriber.ReconnectAsync(cancellationToken).ConfigureAwait(false);
                connected = true;
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                if (waiting.Elapsed > ConnectPatience)
                {
                    error = $"could not reconnect the subscriber within {ConnectPatience.TotalSeconds:0} s: {ex.Message}";
                    break;
                }
                await Task.Delay(250, cancellationToken).ConfigureAwait(false);
            }
        }
        var reconnectSeconds = waiting.Elapsed.TotalSeconds;
        var sessionPresent = connected && subscriber.Client.SessionPresent;
        await using var resources = context.Monitor.Start();
        var start = Stopwatch.GetTimestamp();
        if (connected)
        {
            await WaitAsync(tracker, state.Acknowledged.Count, options.DrainTimeout, TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        subscriber.StopTracking();
        var received = tracker.ReceivedFrom(0);
        var lost = state.Acknowledged.CountNotIn(received);
        var seconds = Stopwatch.GetElapsedTime(start, Math.Max(start, tracker.LastArrival)).TotalSeconds;
        var result = new WorkloadResult
        {
            Workload = Name,
            Title = Describe(options),
            Published = state.Sent,
            Acknowledged = state.Acknowledged.Count,
            Received = tracker.Received,
            OutRate = seconds > 0 ? tracker.Received / seconds : 0,
            Latency = new LatencyHistogram(),
            Expected = state.Acknowledged.Count,
            Lost = lost,
            Duplicates = tracker.Duplicates,
            PeakRssBytes = resources.PeakResidentBytes,
            BrokerCpuSeconds = resources.BrokerCpuSeconds,
            OwnCpuSeconds = resources.OwnCpuSeconds,
            OtherCpuSeconds = resources.OtherCpuSeconds,
            Elapsed = resources.Elapsed,
            Error = error,
        };
        result.Extra["session_present"] = sessionPresent ? "yes" : "no";
        result.Extra["acknowledged_lost"] = lost.ToString(CultureInfo.InvariantCulture);
        result.Extra["unacknowledged_delivered"] = received.CountNotIn(state.Acknowledged).ToString(CultureInfo.InvariantCulture);
        result.Extra["reconnect_wait_s"] = reconnectSeconds.ToString("F1", CultureInfo.InvariantCulture);
        if (connected)
        {
            await subscriber.DisposeAsync().ConfigureAwait(false);
            try
            {
                await using var cleaner = await LoadSubscriber.ConnectAsync(context, state.SubscriberId, cleanSession: true, null,
                    MqttQualityOfService.AtMostOnce, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                context.Log($"could not remove the persistent session {state.SubscriberId}: {ex.Message}");
            }
        }
        return result;
    }

    private static async Task WaitAsync(DeliveryTracker tracker, long expected, TimeSpan timeout, TimeSpan idle)
    {
        var elapsed = Stopwatch.StartNew();
        var lastProgress = TimeSpan.Zero;
        long last = -1;
        while (tracker.ReceivedFrom(0).Count < expected && elapsed.Elapsed < timeout && elapsed.Elapsed - lastProgress < idle)
        {
            if (tracker.Received != last)
            {
                last = tracker.Received;
                lastProgress = elapsed.Elapsed;
            }
            await Task.Delay(20).ConfigureAwait(false);
        }
    }
}
