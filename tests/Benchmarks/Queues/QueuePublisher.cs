using System.Diagnostics;
using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Runtime.Core;

namespace Benchmarks.Queues;

/// <summary>
/// Publishers with confirms, as a gateway runs them for MQTT QoS 1 or AMQP unsettled sends: <c>concurrency</c> loops,
/// each awaiting one <see cref="EnqueueMessages"/> call at a time (so at most that many calls are in flight), each call
/// carrying <c>messagesPerCall</c> new messages with unique ids to the next queue in turn. A message counts as
/// confirmed when the queue answers Accepted (its journal commit is durable).
/// </summary>
public sealed class QueuePublisher
{
    private readonly GrainReference[] _queues;
    private readonly string[] _queueNames;
    private readonly DeliveryLedger _ledger;
    private readonly LoadCounters _counters;
    private readonly ReadOnlyMemory<byte> _payload;
    private readonly int _messagesPerCall;
    private long _nextCall;

    public QueuePublisher(GrainReference[] queues, string[] queueNames, DeliveryLedger ledger, LoadCounters counters,
        ReadOnlyMemory<byte> payload, int messagesPerCall)
    {
        _queues = queues;
        _queueNames = queueNames;
        _ledger = ledger;
        _counters = counters;
        _payload = payload;
        _messagesPerCall = messagesPerCall;
    }

    /// <summary>True once the run's message bound stopped the publishers before their deadline.</summary>
    public bool HitMessageBound { get; private set; }

    /// <summary>Runs <paramref name="concurrency"/> publish loops until <paramref name="stop"/> is cancelled or the
    /// ledger's capacity is used up; latencies of calls inside <paramref name="window"/> go to <paramref name="latencies"/>.</summary>
    public Task RunAsync(int concurrency, MeasureWindow? window, LatencyRecorder? latencies, CancellationToken stop)
    {
        var loops = new Task[concurrency];
        for (var i = 0; i < concurrency; i++)
        {
            loops[i] = Task.Run(() => PublishLoopAsync(window, latencies, stop), CancellationToken.None);
        }
        return Task.WhenAll(loops);
    }

    private async Task PublishLoopAsync(MeasureWindow? window, LatencyRecorder? latencies, CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            if (!_ledger.TryReserve(_messagesPerCall, out var first))
            {
                HitMessageBound = true;
                return;
            }
            var call = Interlocked.Increment(ref _nextCall);
            var queue = (int)(call % _queues.Length);
            var messages = new BrokerMessage[_messagesPerCall];
            for (var i = 0; i < messages.Length; i++)
            {
                messages[i] = new BrokerMessage
                {
                    MessageId = _ledger.IdOf(first + i),
                    Address = _queueNames[queue],
                    Payload = _payload,
                    Qos = 1,
                };
            }
            var start = Stopwatch.GetTimestamp();
            try
            {
                var result = await _queues[queue].CallAsync(new EnqueueMessages(messages)).ConfigureAwait(false);
                var end = Stopwatch.GetTimestamp();
                if (result.Status == EnqueueStatus.Accepted && result.Accepted == messages.Length)
                {
                    _ledger.Confirm(first, messages.Length);
                    _counters.PublishCall(messages.Length);
                    if (latencies is not null && window!.Contains(start, end))
                    {
                        latencies.Record(end - start);
                    }
                }
                else
                {
                    _counters.PublishFailed($"{result.Status}, {result.Accepted} accepted, {result.Duplicates} duplicates: {result.Reason}");
                }
            }
            catch (Exception ex)
            {
                _counters.PublishFailed($"{ex.GetType().Name}: {ex.Message}");
            }
        }
    }
}
