using Grains.Interfaces.Messages;
using Grains.Interfaces.Queues;
using Runtime.Storage.Journal;

namespace Grains.Queues;

public sealed partial class QueueGrain
{
    /// <summary>The prefix of dead-letter queues; their own dead letters are discarded (no DLQ of a DLQ).</summary>
    public const string DeadLetterPrefix = BrokerManagedQueues.DeadLetterPrefix;

    private void PlanSettle(SettleDeliveries settle, JournalBatch batch, TurnPlan plan)
    {
        if (!_consumers.TryGetValue(settle.ConsumerId, out var consumer))
        {
            return; // unknown consumer: its deliveries already went back to the queue
        }
        foreach (var tag in settle.Tags)
        {
            if (!consumer.Outstanding.Contains(tag) || !plan.Touched.Add(tag) || !_entries.TryGetValue(tag, out var entry))
            {
                continue;
            }
            switch (settle.Outcome)
            {
                case SettleOutcome.Accept:
                    batch.Removes.Add(tag);
                    plan.Accepted.Add(entry);
                    break;
                case SettleOutcome.Reject:
                    plan.DeadLetters.Add((entry, settle.Reason ?? $"rejected by consumer {consumer.Id}", false));
                    break;
                case SettleOutcome.Release:
                    PlanReturn(entry, countsAsAttempt: false, exclude: null, batch, plan);
                    break;
                case SettleOutcome.Modify when settle.DeliveryFailed && ReachedMaxDeliveries(entry):
                    // The failed attempt was the last one allowed: dead-letter it now rather than when some consumer
                    // next has credit, so it shows in the dead-letter queue at once.
                    plan.DeadLetters.Add((entry, MaxDeliveriesReason(entry), false));
                    break;
                case SettleOutcome.Modify:
                    PlanReturn(entry, countsAsAttempt: settle.DeliveryFailed, settle.UndeliverableHere ? consumer.Id : null, batch, plan);
                    break;
            }
        }
    }

    private bool ReachedMaxDeliveries(QueueEntry entry) => Settings.MaxDeliveries > 0 && entry.Attempts >= Settings.MaxDeliveries;

    private string MaxDeliveriesReason(QueueEntry entry) =>
        $"delivered {entry.Attempts} times without being accepted (max deliveries {Settings.MaxDeliveries})";

    /// <summary>Back to the queue. The attempt was made recoverable before delivery; a release (AMQP "released", or
    /// "modified" without delivery-failed) takes it back, in the record when the record holds a different count. A
    /// first delivery released back to 0 that the delivered-through mark covers still reads back as 1 after a crash: it
    /// was handed out, so counting it errs on the side of "possibly seen" (see QueueGrain.DeliveryCounts.cs).</summary>
    private static void PlanReturn(QueueEntry entry, bool countsAsAttempt, string? exclude, JournalBatch batch, TurnPlan plan)
    {
        var attempts = countsAsAttempt ? entry.Attempts : Math.Max(0, entry.Attempts - 1);
        if (attempts != entry.Attempts && attempts != entry.StoredCount)
        {
            batch.DeliveryCounts.Add((entry.Sequence, attempts));
            plan.StoredCounts.Add((entry, attempts));
        }
        plan.Returned.Add((entry, attempts, exclude));
    }

    /// <summary>
    /// Moves the planned dead letters: enqueued durably in the dead-letter queue first, then removed from this queue by
    /// the turn's batch. A crash between the two leaves a copy in both (the dead-letter queue drops the retry by id).
    /// </summary>
    private async Task PlanDeadLettersAsync(TurnPlan plan, JournalBatch batch)
    {
        if (plan.DeadLetters.Count == 0)
        {
            return;
        }
        var target = Name.StartsWith(DeadLetterPrefix, StringComparison.Ordinal) ? null : Settings.DeadLetterQueueFor(Name);
        if (target is not null)
        {
            var messages = new List<BrokerMessage>(plan.DeadLetters.Count);
            foreach (var (entry, reason, _) in plan.DeadLetters)
            {
                var properties = new List<MessageProperty>(entry.Message.Properties)
                {
                    new("x-dead-letter-reason", reason),
                    new("x-original-queue", Name),
                    new("x-delivery-count", entry.Attempts.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                };
                messages.Add(DeadLetterCopy(entry.Message, properties));
            }
            var result = await GrainFactory.GetGrain(QueueGrainKind.Name, target)
                .CallAsync(new EnqueueMessages(messages, CreateIfMissing: true)).ConfigureAwait(false);
            if (result.Status != EnqueueStatus.Accepted)
            {
                throw new InvalidOperationException($"Dead-letter queue '{target}' refused {messages.Count} messages: {result.Reason}");
            }
        }
        foreach (var (entry, _, _) in plan.DeadLetters)
        {
            batch.Removes.Add(entry.Sequence);
        }
    }

    /// <summary>
    /// The message as the dead-letter queue keeps it: with the dead-letter properties and without its expiry (as
    /// ActiveMQ does), or the dead-letter queue would expire an expired message again at once, and discard it.
    /// (<see cref="BrokerMessage.With"/> cannot clear a value; every other field is copied: keep in step with it.)
    /// </summary>
    private static BrokerMessage DeadLetterCopy(BrokerMessage message, IReadOnlyList<MessageProperty> properties) => new()
    {
        MessageId = message.MessageId,
        Address = message.Address,
        Payload = message.Payload,
        Priority = message.Priority,
        Durable = message.Durable,
        CreatedAt = message.CreatedAt,
        ExpiresAt = null,
        DeliverAt = message.DeliverAt,
        GroupId = message.GroupId,
        ContentType = message.ContentType,
        CorrelationData = message.CorrelationData,
        ReplyTo = message.ReplyTo,
        PayloadIsUtf8 = message.PayloadIsUtf8,
        Retain = message.Retain,
        Properties = properties,
        ProtocolSections = message.ProtocolSections,
        Qos = message.Qos,
        PublisherId = message.PublisherId,
    };

    /// <summary>Applies a committed turn to memory.</summary>
    private void Apply(TurnPlan plan)
    {
        foreach (var (entry, count) in plan.StoredCounts)
        {
            entry.StoredCount = count;
        }
        foreach (var (consumerId, credit) in plan.Credits)
        {
            if (_consumers.TryGetValue(consumerId, out var consumer))
            {
                consumer.Credit = (int)Math.Min(int.MaxValue, (long)consumer.Credit + credit);
            }
        }
        foreach (var entry in plan.NewEntries)
        {
            _recentIds.Add(entry.Message.MessageId);
            _counters.Enqueued++;
            if (plan.Touched.Contains(entry.Sequence))
            {
                continue; // dropped in this same turn (overflow drop oldest): appended and removed by one batch
            }
            if (_unloadedCount == 0 && _entries.Count < _options.MaxWindowMessages)
            {
                AddToWindow(entry);
            }
            else
            {
                // Paged out: it stays in the journal until the window drains down to it.
                _unloadedCount++;
                _unloadedBytes += entry.Size;
            }
        }
        foreach (var entry in plan.Accepted)
        {
            RemoveFromWindow(entry);
            _counters.Acknowledged++;
        }
        foreach (var (entry, attempts, exclude) in plan.Returned)
        {
            entry.Holder?.Outstanding.Remove(entry.Sequence);
            entry.Holder = null;
            entry.Attempts = attempts;
            if (exclude is not null)
            {
                (entry.ExcludedConsumers ??= new HashSet<string>(StringComparer.Ordinal)).Add(exclude);
            }
            MakeAvailable(entry);
        }
        foreach (var (entry, _, expired) in plan.DeadLetters)
        {
            RemoveFromWindow(entry);
            if (expired)
            {
                _counters.Expired++;
            }
            else
            {
                _counters.DeadLettered++;
            }
        }
        foreach (var entry in plan.Discarded)
        {
            RemoveFromWindow(entry);
            _counters.Expired++;
        }
    }

    private void AddToWindow(QueueEntry entry)
    {
        _entries[entry.Sequence] = entry;
        _windowBytes += entry.Size;
        _loadedThrough = Math.Max(_loadedThrough, entry.Sequence);
        MakeAvailable(entry);
    }

    /// <summary>Ready now, or scheduled for later.</summary>
    private void MakeAvailable(QueueEntry entry)
    {
        if (entry.Message.DeliverAt is { } deliverAt && deliverAt > Now)
        {
            _scheduled.Add((deliverAt, entry.Sequence));
        }
        else
        {
            _ready.Add(entry.Sequence, entry.Message.Priority);
        }
        if (entry.ExpiresAt != long.MaxValue)
        {
            _expiring.Add((entry.ExpiresAt, entry.Sequence));
        }
    }

    private void RemoveFromWindow(QueueEntry entry)
    {
        if (!_entries.Remove(entry.Sequence))
        {
            return;
        }
        _windowBytes -= entry.Size;
        entry.Holder?.Outstanding.Remove(entry.Sequence);
        entry.Holder = null;
        _ready.Remove(entry.Sequence, entry.Message.Priority);
        _parked.Remove(entry.Sequence);
        if (entry.Message.DeliverAt is { } deliverAt)
        {
            _scheduled.Remove((deliverAt, entry.Sequence));
        }
        if (entry.ExpiresAt != long.MaxValue)
        {
            _expiring.Remove((entry.ExpiresAt, entry.Sequence));
        }
    }
}
