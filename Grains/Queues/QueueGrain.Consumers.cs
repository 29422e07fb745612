using Microsoft.Extensions.Logging;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Selectors;
using Runtime.Serialization;
using Runtime.Storage.Journal;

namespace Grains.Queues;

public sealed partial class QueueGrain
{
    private async Task<ConsumerAttached> AttachAsync(AttachConsumer attach)
    {
        MessageSelector? selector;
        try
        {
            selector = MessageSelector.ParseOptional(attach.Selector);
        }
        catch (SelectorParseException ex)
        {
            return new ConsumerAttached(AttachStatus.InvalidSelector, ex.Message, 0);
        }
        if (!await EnsureExistsAsync(createIfMissing: true).ConfigureAwait(false))
        {
            return new ConsumerAttached(AttachStatus.QueueNotFound, $"Queue '{Name}' does not exist and auto-create is off; declare it first.", 0);
        }
        var now = TimeProvider.GetTimestamp();
        if (_consumers.TryGetValue(attach.ConsumerId, out var existing))
        {
            existing.Observer = attach.Observer;
            existing.Credit = Math.Max(0, attach.Credit);
            existing.LastRenewed = now;
            if (existing.Selector?.Text != selector?.Text)
            {
                existing.Selector = selector;
                UnparkAll();
            }
        }
        else
        {
            _consumers[attach.ConsumerId] = new QueueConsumer(attach.ConsumerId, attach.Observer, ++_attachCounter)
            {
                Credit = Math.Max(0, attach.Credit),
                LastRenewed = now,
                Selector = selector,
            };
            UnparkAll();
        }
        await DispatchAsync().ConfigureAwait(false);
        return new ConsumerAttached(AttachStatus.Attached, null, (long)_options.ConsumerLease.TotalMilliseconds);
    }

    private async Task<BoolValue> AddCreditAsync(AddCredit credit)
    {
        if (!_consumers.TryGetValue(credit.ConsumerId, out var consumer))
        {
            return new BoolValue(false);
        }
        consumer.Credit = (int)Math.Min(int.MaxValue, (long)consumer.Credit + Math.Max(0, credit.Credit));
        consumer.Draining |= credit.Drain;
        consumer.LastRenewed = TimeProvider.GetTimestamp();
        await DispatchAsync().ConfigureAwait(false);
        return new BoolValue(true);
    }

    /// <summary>Detaches a consumer; what it held unsettled goes back to the queue. Each of those deliveries counts as
    /// an attempt (it was persisted before it went out), so a message that keeps killing its consumer ends in the DLQ
    /// (at once when that was its last allowed attempt).</summary>
    private async Task DetachAsync(string consumerId)
    {
        if (!_consumers.Remove(consumerId, out var consumer))
        {
            return;
        }
        var plan = new TurnPlan();
        foreach (var tag in consumer.Outstanding)
        {
            if (_entries.TryGetValue(tag, out var entry))
            {
                entry.Holder = null;
                if (ReachedMaxDeliveries(entry))
                {
                    plan.DeadLetters.Add((entry, MaxDeliveriesReason(entry), false));
                }
                else
                {
                    MakeAvailable(entry);
                }
            }
        }
        consumer.Outstanding.Clear();
        foreach (var group in _groupOwners.Where(g => g.Value == consumer).Select(g => g.Key).ToList())
        {
            _groupOwners.Remove(group);
        }
        if (plan.DeadLetters.Count > 0)
        {
            var batch = new JournalBatch(GrainId, Epoch);
            try
            {
                await PlanDeadLettersAsync(plan, batch).ConfigureAwait(false);
                await CommitAsync(batch).ConfigureAwait(false);
            }
            catch
            {
                // Not moved: they stay in the queue, and the next dispatch dead-letters them.
                foreach (var (entry, _, _) in plan.DeadLetters)
                {
                    MakeAvailable(entry);
                }
                throw;
            }
            Apply(plan);
        }
        await DispatchAsync().ConfigureAwait(false);
    }

    private StringList Renew(RenewConsumers renew)
    {
        var now = TimeProvider.GetTimestamp();
        var unknown = new List<string>();
        foreach (var id in renew.ConsumerIds)
        {
            if (_consumers.TryGetValue(id, out var consumer))
            {
                consumer.LastRenewed = now;
            }
            else
            {
                unknown.Add(id);
            }
        }
        return new StringList(unknown);
    }

    /// <summary>The queue's timer: scheduled messages whose time came, expired messages, consumers whose lease ran out
    /// or whose gateway is gone (its connection to this silo closed: a crash is noticed within a sweep, not a lease, and
    /// what that consumer held unsettled goes back to the queue; a live gateway that only reconnected finds its consumer
    /// unknown at its next renewal and attaches it again).</summary>
    private async Task SweepAsync()
    {
        if (_commitFailed)
        {
            return; // leaving: the next activation reloads
        }
        var changed = false;
        var now = Now;
        while (_scheduled.Count > 0 && _scheduled.Min.DeliverAt <= now)
        {
            var (_, sequence) = _scheduled.Min;
            _scheduled.Remove(_scheduled.Min);
            if (_entries.TryGetValue(sequence, out var entry) && entry.Holder is null)
            {
                _ready.Add(sequence, entry.Message.Priority);
                changed = true;
            }
        }
        if (_expiring.Count > 0 && _expiring.Min.ExpiresAt <= now)
        {
            var batch = new JournalBatch(GrainId, Epoch);
            var plan = new TurnPlan();
            foreach (var (expiresAt, sequence) in _expiring)
            {
                if (expiresAt > now)
                {
                    break;
                }
                if (_entries.TryGetValue(sequence, out var entry) && entry.Holder is null)
                {
                    PlanExpiry(entry, batch, plan);
                }
            }
            await PlanDeadLettersAsync(plan, batch).ConfigureAwait(false);
            await CommitAsync(batch).ConfigureAwait(false);
            Apply(plan);
        }
        var expired = new List<string>();
        var gatewayGone = false;
        foreach (var consumer in _consumers.Values)
        {
            var unreachable = !IsReachable(consumer.Observer);
            if (unreachable || TimeProvider.GetElapsedTime(consumer.LastRenewed) > _options.ConsumerLease)
            {
                expired.Add(consumer.Id);
                gatewayGone |= unreachable;
            }
        }
        foreach (var id in expired)
        {
            await DetachAsync(id).ConfigureAwait(false);
        }
        if (gatewayGone && _consumers.Count == 0 && Name.StartsWith(BrokerManagedQueues.TemporaryPrefix, StringComparison.Ordinal))
        {
            // A temporary queue lives as long as the connection that made it, and that connection went with its gateway:
            // what the gateway would have deleted on close is deleted now.
            var purged = await PurgeAsync().ConfigureAwait(false);
            LogTemporaryQueueOrphaned(_logger, Name, purged);
        }
        if (changed || (_unloadedCount > 0 && _entries.Count < _options.MaxWindowMessages / 2))
        {
            await DispatchAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Temporary queue {Queue}: its connection's gateway is gone; {Count} messages deleted as on close")]
    private static partial void LogTemporaryQueueOrphaned(ILogger logger, string queue, long count);
}
