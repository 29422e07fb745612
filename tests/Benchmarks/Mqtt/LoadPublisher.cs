using System.Diagnostics;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// A publishing client of a workload: publishes numbered <see cref="BenchPayload"/> messages flat out (bounded by a
/// lead over its slowest subscriber) or at a fixed rate, and remembers per phase which messages count as expected:
/// at QoS 0 every one sent, at QoS 1 every one the broker acknowledged.
/// </summary>
public sealed class LoadPublisher : IAsyncDisposable
{
    private readonly byte[] _payload;
    private int _generation;
    private int _phase;

    private LoadPublisher(int index, int payloadSize)
    {
        Index = index;
        _payload = new byte[payloadSize];
    }

    /// <summary>The publisher's number within its workload (the payload's publisher field).</summary>
    public int Index { get; }

    public LoadClient Client { get; private set; } = null!;

    /// <summary>This phase's expected messages: sent (QoS 0) or acknowledged (QoS 1).</summary>
    public SequenceSet Expected { get; private set; } = new();

    /// <summary>PUBLISHes handed to the connection in this phase.</summary>
    public long Sent { get; private set; }

    /// <summary>Called on the receive loop after each acknowledgement of this phase with the acknowledged count.</summary>
    public Action<long>? OnAcknowledgedCount { get; set; }

    public static async Task<LoadPublisher> ConnectAsync(WorkloadContext context, int index, string clientId, CancellationToken cancellationToken)
    {
        var publisher = new LoadPublisher(index, context.Options.PayloadSize);
        publisher.Client = await LoadClient.ConnectAsync(context.Options.Broker,
            new ConnectSettings(clientId, CleanSession: true, context.Options.Version), context.Options.InFlight,
            onPublish: null, publisher.OnAcknowledged, cancellationToken).ConfigureAwait(false);
        return publisher;
    }

    /// <summary>Starts counting a new phase; acknowledgements of earlier phases that still arrive are ignored.</summary>
    public void BeginPhase(int phase)
    {
        _phase = phase;
        Expected = new SequenceSet();
        Sent = 0;
        Interlocked.Increment(ref _generation);
    }

    /// <summary>
    /// Publishes as fast as the connection and <paramref name="slowestReceived"/> allow until the deadline (Stopwatch
    /// ticks), <paramref name="max"/> messages, or a lost connection: a message is sent only while it is at most
    /// <paramref name="lead"/> ahead of the highest sequence the slowest subscriber has received.
    /// </summary>
    public async Task RunFlatOutAsync(string topic, MqttQualityOfService qos, long deadline, long max, Func<long>? slowestReceived, int lead)
    {
        var slowest = -1L;
        for (long sequence = 0; sequence < max; sequence++)
        {
            if (Stopwatch.GetTimestamp() >= deadline)
            {
                return;
            }
            if (slowestReceived is not null && sequence - slowest > lead)
            {
                slowest = slowestReceived();
                while (sequence - slowest > lead)
                {
                    if (Stopwatch.GetTimestamp() >= deadline || Client.Closed.IsCompleted)
                    {
                        return;
                    }
                    await Task.Delay(1).ConfigureAwait(false);
                    slowest = slowestReceived();
                }
            }
            var now = Stopwatch.GetTimestamp();
            if (!await PublishOneAsync(topic, qos, sequence, now).ConfigureAwait(false))
            {
                return;
            }
        }
    }

    /// <summary>
    /// Publishes <paramref name="rate"/> messages/s from <paramref name="start"/> until the deadline or
    /// <paramref name="max"/> messages: every millisecond or so, the messages that have come due, each carrying the
    /// time it was due (the latency from the schedule then includes any waiting of the publisher, so a stalled broker
    /// is not hidden by the publisher slowing down).
    /// </summary>
    public async Task RunFixedRateAsync(string topic, MqttQualityOfService qos, int rate, long start, long deadline, long max)
    {
        var interval = (double)Stopwatch.Frequency / rate;
        long sequence = 0;
        while (sequence < max)
        {
            var now = Stopwatch.GetTimestamp();
            if (now >= deadline)
            {
                return;
            }
            var due = Math.Min(max, (long)((now - start) / interval) + 1);
            while (sequence < due)
            {
                if (!await PublishOneAsync(topic, qos, sequence, start + (long)(sequence * interval)).ConfigureAwait(false))
                {
                    return;
                }
                sequence++;
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
    }

    private ValueTask<bool> PublishOneAsync(string topic, MqttQualityOfService qos, long sequence, long scheduled)
    {
        BenchPayload.Write(_payload, _phase, Index, sequence, scheduled, scheduled);
        Sent++;
        if (qos == MqttQualityOfService.AtMostOnce)
        {
            Expected.Add(sequence);
        }
        return Client.PublishAsync(topic, _payload, qos, ((long)Volatile.Read(ref _generation) << 40) | sequence);
    }

    private void OnAcknowledged(long tag)
    {
        if ((int)(tag >> 40) != Volatile.Read(ref _generation))
        {
            return;
        }
        var expected = Expected;
        expected.Add(tag & ((1L << 40) - 1));
        OnAcknowledgedCount?.Invoke(expected.Count);
    }

    public ValueTask DisposeAsync() => Client is null ? ValueTask.CompletedTask : new ValueTask(Client.DisconnectAsync());
}
