using System.Diagnostics;
using System.Globalization;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// A persistent QoS 1 subscriber that drops offline mid-run: 1 publisher at <c>--offline-rate</c> msg/s, QoS 1. At a
/// third of the run the subscriber's TCP connection is dropped without DISCONNECT (as when a device loses its network);
/// at two thirds it reconnects with the same client id and clean session off, without subscribing again, and must get
/// every acknowledged message: the backlog queued while it was away and the ones in flight when it dropped.
/// Duplicates are allowed by QoS 1 (messages it had received but not yet acknowledged); <c>dup_without_dup_flag</c>
/// counts redeliveries that lacked the DUP flag.
/// </summary>
public sealed class OfflineSubscriberWorkload : IMqttWorkload
{
    public string Name => "offline";

    public string Describe(MqttBenchmarkOptions options) =>
        $"1 publisher -> 1 persistent QoS 1 subscriber, {options.OfflineRate:N0} msg/s, offline from 1/3 to 2/3 of {options.Duration.TotalSeconds:0.#} s";

    public async Task<WorkloadResult> RunAsync(WorkloadContext context, CancellationToken cancellationToken)
    {
        var options = context.Options;
        var topic = $"bench/offline/{context.RunTag}";
        var clientId = $"bench-offline-s-{context.RunTag}";
        var subscriber = await LoadSubscriber.ConnectAsync(context, clientId, cleanSession: false, topic, MqttQualityOfService.AtLeastOnce,
            cancellationToken).ConfigureAwait(false);
        await using var publisher = await LoadPublisher.ConnectAsync(context, 0, $"bench-offline-p-{context.RunTag}", cancellationToken)
            .ConfigureAwait(false);
        var phase = WorkloadContext.NewPhase();
        var tracker = subscriber.Track(phase, 1);
        publisher.BeginPhase(phase);
        bool complete;
        long publishEnd;
        long start;
        string? error = null;
        var sessionPresent = false;
        var receivedBeforeDrop = 0L;
        var third = options.Duration / 3;
        await using (var resources = context.Monitor.Start())
        {
            start = Stopwatch.GetTimestamp();
            var deadline = start + (long)(options.Duration.TotalSeconds * Stopwatch.Frequency);
            var publishing = Task.Run(() => publisher.RunFixedRateAsync(topic, MqttQualityOfService.AtLeastOnce, options.OfflineRate, start, deadline,
                options.MaxMessages));

            await Task.Delay(third, cancellationToken).ConfigureAwait(false);
            receivedBeforeDrop = tracker.Received;
            context.Log($"subscriber offline (connection dropped) after {receivedBeforeDrop:N0} messages");
            await subscriber.Client.AbortAsync().ConfigureAwait(false);
            await Task.Delay(third, cancellationToken).ConfigureAwait(false);
            try
            {
                await subscriber.ReconnectAsync(cancellationToken).ConfigureAwait(false);
                sessionPresent = subscriber.Client.SessionPresent;
                context.Log($"subscriber back (session present: {sessionPresent})");
            }
            catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
            {
                error = $"reconnect failed: {ex.Message}";
            }
            await publishing.ConfigureAwait(false);
            publishEnd = Stopwatch.GetTimestamp();
            await publisher.Client.WaitForAcknowledgementsAsync(options.DrainTimeout).ConfigureAwait(false);
            complete = error is null && await PhaseMeasurement.WaitForDeliveryAsync([publisher], [tracker], options.DrainTimeout, TimeSpan.FromSeconds(10))
                .ConfigureAwait(false);
            subscriber.StopTracking();
            error ??= PhaseMeasurement.ConnectionErrors([publisher.Client, subscriber.Client]);
            var result = PhaseMeasurement.Measure(Name, Describe(options), [publisher], [tracker], acknowledged: true, start, publishEnd, resources, error);
            result.Extra["drained"] = complete ? "yes" : "no";
            result.Extra["session_present"] = sessionPresent ? "yes" : "no";
            result.Extra["received_before_drop"] = receivedBeforeDrop.ToString(CultureInfo.InvariantCulture);
            result.Extra["caught_up_after_publish_s"] = Math.Max(0, Stopwatch.GetElapsedTime(publishEnd, tracker.LastArrival).TotalSeconds)
                .ToString("F2", CultureInfo.InvariantCulture);
            await EndSessionAsync(context, subscriber, clientId, cancellationToken).ConfigureAwait(false);
            return result;
        }
    }

    /// <summary>Disconnects and removes the persistent session (a clean-session connect with the same id).</summary>
    private static async Task EndSessionAsync(WorkloadContext context, LoadSubscriber subscriber, string clientId, CancellationToken cancellationToken)
    {
        await subscriber.DisposeAsync().ConfigureAwait(false);
        try
        {
            await using var cleaner = await LoadSubscriber.ConnectAsync(context, clientId, cleanSession: true, null, MqttQualityOfService.AtMostOnce,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or InvalidOperationException or TimeoutException)
        {
            context.Log($"could not remove the persistent session {clientId}: {ex.Message}");
        }
    }
}
