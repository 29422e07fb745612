using System.Diagnostics;

namespace Benchmarks.Mqtt;

/// <summary>
/// What one subscriber received in one measured phase: the set of (publisher, sequence) seen, duplicates, latency
/// from the publisher's send time and from its schedule, the highest sequence per publisher (read by publishers to
/// stay a bounded lead ahead). Written only by the subscriber's receive loop.
/// </summary>
public sealed class DeliveryTracker
{
    private readonly int _phase;
    private readonly SequenceSet[] _received;
    private readonly long[] _highest;
    private long _receivedCount;
    private long _lastArrival;

    public DeliveryTracker(int phase, int publishers)
    {
        _phase = phase;
        _received = new SequenceSet[publishers];
        _highest = new long[publishers];
        for (var i = 0; i < publishers; i++)
        {
            _received[i] = new SequenceSet();
            _highest[i] = -1;
        }
    }

    /// <summary>From the send time written in the payload to the arrival.</summary>
    public LatencyHistogram Latency { get; } = new();

    /// <summary>From the fixed-rate schedule to the arrival (includes publisher-side waiting; = <see cref="Latency"/>
    /// plus the publisher's lag when it is not paced).</summary>
    public LatencyHistogram ScheduledLatency { get; } = new();

    /// <summary>Messages of this phase received, duplicates included.</summary>
    public long Received => Interlocked.Read(ref _receivedCount);

    public long Duplicates { get; private set; }

    /// <summary>Duplicates that arrived with the DUP flag clear (the broker did not mark them as redeliveries).</summary>
    public long DuplicatesWithoutDupFlag { get; private set; }

    /// <summary>Payloads of another phase or not ours (e.g. a persistent session's leftovers of an earlier run).</summary>
    public long Foreign { get; private set; }

    /// <summary>Stopwatch ticks of the last message of this phase (0 before the first).</summary>
    public long LastArrival => Interlocked.Read(ref _lastArrival);

    public long Highest(int publisher) => Volatile.Read(ref _highest[publisher]);

    public SequenceSet ReceivedFrom(int publisher) => _received[publisher];

    public void Record(ReadOnlySpan<byte> payload, bool dupFlag)
    {
        var now = Stopwatch.GetTimestamp();
        if (!BenchPayload.TryRead(payload, out var header) || header.Phase != _phase
            || (uint)header.Publisher >= (uint)_received.Length || header.Sequence < 0)
        {
            Foreign++;
            return;
        }
        if (!_received[header.Publisher].Add(header.Sequence))
        {
            Duplicates++;
            if (!dupFlag)
            {
                DuplicatesWithoutDupFlag++;
            }
        }
        if (header.Sequence > _highest[header.Publisher])
        {
            Volatile.Write(ref _highest[header.Publisher], header.Sequence);
        }
        Latency.RecordTicks(now - header.Sent);
        ScheduledLatency.RecordTicks(now - header.Scheduled);
        Interlocked.Exchange(ref _lastArrival, now);
        Interlocked.Increment(ref _receivedCount);
    }
}
