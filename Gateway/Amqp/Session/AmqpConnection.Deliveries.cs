using System.Buffers;
using System.Buffers.Binary;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Topics;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    /// <summary>Settlements gathered while handling a batch of frames or events: one grain call per consumer and outcome.</summary>
    private readonly Dictionary<(string Queue, string Consumer, SettleOutcome Outcome, bool Failed, bool Here, string? Reason), List<long>> _pendingSettles = [];

    /// <summary>A flow frame (Part 2 §2.7.4): the session's window and, with a handle, a link's credit or drain.</summary>
    private void OnFlow(AmqpSession session, Flow flow, AmqpLink? link)
    {
        // §2.5.6: remote-incoming-window = next-incoming-id(flow) + incoming-window(flow) - next-outgoing-id(endpoint).
        session.RemoteIncomingWindow = (flow.NextIncomingId ?? 0) + flow.IncomingWindow - session.NextOutgoingId;
        SendBlocked(session);
        switch (link)
        {
            case OutgoingLink outgoing when !outgoing.Detached:
                if (flow.LinkCredit is { } credit)
                {
                    // §2.6.7: link-credit(sender) = delivery-count(flow) + link-credit(flow) - delivery-count(sender).
                    outgoing.LinkCredit = (flow.DeliveryCount ?? 0) + credit - outgoing.DeliveryCount;
                    if (outgoing.LinkCredit > int.MaxValue)
                    {
                        outgoing.LinkCredit = 0; // the client counted deliveries we have sent since; no credit left
                    }
                }
                outgoing.Draining = flow.Drain;
                PumpOutgoing(outgoing);
                if (flow.Echo)
                {
                    SendLinkFlow(outgoing);
                }
                break;
            case IncomingLink incoming when flow.Echo && !incoming.Detached:
                SendLinkFlow(incoming);
                break;
            case null when flow.Echo:
                Send(session.LocalChannel, session.NewFlow());
                break;
        }
    }

    /// <summary>Sends what credit allows, passes the rest of the client's credit on to the queue, and finishes a drain.</summary>
    private void PumpOutgoing(OutgoingLink link)
    {
        if (!link.Attached || link.Detached)
        {
            return;
        }
        if (link.Browse is not null)
        {
            PumpBrowse(link);
            return;
        }
        while (link.LinkCredit > 0 && link.Waiting.TryDequeue(out var waiting))
        {
            SendDelivery(link, waiting);
        }
        if (link.Queue is null)
        {
            if (link.Draining && link.Waiting.Count == 0)
            {
                CompleteDrain(link);
            }
            return;
        }
        var wanted = (int)Math.Min(link.LinkCredit, int.MaxValue) - link.Waiting.Count;
        var add = Math.Max(0, wanted - link.QueueCredit);
        if (link.Draining && !link.DrainRequested)
        {
            link.QueueCredit += add;
            link.DrainRequested = true;
            add += link.PendingCredit;
            link.PendingCredit = 0;
            _ = AddCreditAsync(link, add, drain: true);
        }
        else if (add > 0)
        {
            // Passed on with the next settlement of this consumer, or alone at the end of the batch (FlushCredits):
            // a receiver that accepts and flows per message costs the queue one call, not two.
            link.QueueCredit += add;
            link.PendingCredit += add;
            _pendingCredits.Add(link);
        }
    }

    private readonly HashSet<OutgoingLink> _pendingCredits = [];

    private void FlushCredits()
    {
        foreach (var link in _pendingCredits)
        {
            if (link.PendingCredit > 0 && !link.Detached)
            {
                _ = AddCreditAsync(link, link.PendingCredit, drain: false);
            }
            link.PendingCredit = 0;
        }
        _pendingCredits.Clear();
    }

    private async Task AddCreditAsync(OutgoingLink link, int credit, bool drain)
    {
        try
        {
            var known = await _bridge.AddCreditAsync(link.Queue!, link.ConsumerId, credit, drain, _closing.Token).ConfigureAwait(false);
            if (!known.Value)
            {
                Post(new ConsumerLost(link));
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogCreditFailed(_logger, _containerId, link.Name, ex.Message);
            Post(new ConsumerLost(link));
        }
        catch (OperationCanceledException)
        {
        }
    }

    /// <summary>§2.6.7 drain: the credit the sender could not use is consumed by advancing delivery-count, and said so in a flow.</summary>
    private void CompleteDrain(OutgoingLink link)
    {
        link.DeliveryCount += link.LinkCredit;
        link.LinkCredit = 0;
        link.Draining = false;
        link.DrainRequested = false;
        SendLinkFlow(link, drain: true);
    }

    private void OnQueueDelivery(QueueDelivery delivery)
    {
        if (!_consumers.TryGetValue(delivery.ConsumerId, out var link) || link.Detached)
        {
            return; // the link closed; its detach returns the delivery to the queue
        }
        link.QueueCredit--;
        Offer(link, new WaitingDelivery(delivery.Tag, delivery.DeliveryCount, delivery.Message));
    }

    private void OnTopicDelivery(TopicDelivery delivery)
    {
        if (!_consumers.TryGetValue(delivery.SubscriberId, out var link) || link.Detached || link.Selector?.Matches(delivery.Message) == false)
        {
            return;
        }
        if (link.Waiting.Count >= _options.TopicBufferLimit)
        {
            // A transient subscriber without credit: the oldest waiting message goes (at-most-once, like MQTT QoS 0).
            link.Waiting.Dequeue();
            if (link.Dropped++ % 10_000 == 0)
            {
                LogTopicDropped(_logger, _containerId, link.Name, link.Dropped);
            }
        }
        Offer(link, new WaitingDelivery(++link.NextTopicTag, 0, delivery.Message));
    }

    private void Offer(OutgoingLink link, WaitingDelivery delivery)
    {
        if (link.Attached && link.LinkCredit > 0 && link.Waiting.Count == 0)
        {
            SendDelivery(link, delivery);
            if (link.Draining && link.LinkCredit == 0)
            {
                link.Draining = false; // the drain used all the credit: nothing to give back
                link.DrainRequested = false;
            }
        }
        else
        {
            link.Waiting.Enqueue(delivery);
        }
    }

    private void OnConsumerDrained(ConsumerDrained drained)
    {
        if (!_consumers.TryGetValue(drained.ConsumerId, out var link) || link.Detached)
        {
            return;
        }
        link.QueueCredit = 0;
        if (link.DrainRequested && link.Waiting.Count == 0)
        {
            CompleteDrain(link);
        }
        else
        {
            link.DrainRequested = false;
        }
    }

    /// <summary>One message to the client: a transfer (split into frames by the writer at the peer's max-frame-size).</summary>
    private void SendDelivery(OutgoingLink link, WaitingDelivery delivery)
    {
        var session = link.Session;
        var deliveryId = session.NextDeliveryId++;
        var bytes = new ArrayBufferWriter<byte>(delivery.Message.Payload.Length + delivery.Message.ProtocolSections.Length + 128);
        AmqpMessageMapping.WriteDelivery(delivery.Message, delivery.DeliveryCount, Now, bytes);
        var tag = new byte[8];
        BinaryPrimitives.WriteInt64BigEndian(tag, delivery.Tag);
        var transfer = new Transfer
        {
            Handle = link.LocalHandle,
            DeliveryId = deliveryId,
            DeliveryTag = tag,
            MessageFormat = Transfer.AmqpMessageFormat,
            Settled = link.PreSettled,
        };
        link.LinkCredit--;
        link.DeliveryCount++;
        if (link.Queue is not null)
        {
            if (link.PreSettled)
            {
                QueueSettle(link, delivery.Tag, SettleOutcome.Accept, false, false, null); // at most once: it leaves the queue as it goes
            }
            else
            {
                session.Unsettled[deliveryId] = link;
                link.UnsettledTags[deliveryId] = delivery.Tag;
            }
        }
        var frames = FramesFor(transfer, bytes.WrittenCount);
        if (session.Blocked.Count == 0 && session.RemoteIncomingWindow >= frames)
        {
            session.NextOutgoingId += (uint)frames;
            session.RemoteIncomingWindow -= (uint)frames;
            Send(new OutgoingFrame(session.LocalChannel, transfer, bytes.WrittenMemory));
        }
        else
        {
            session.Blocked.Enqueue(new PendingTransfer(transfer, bytes.WrittenMemory, frames));
        }
    }

    /// <summary>Sends transfers held for the session window once the peer's flow opens it.</summary>
    private void SendBlocked(AmqpSession session)
    {
        while (session.Blocked.TryPeek(out var pending) && session.RemoteIncomingWindow >= pending.Frames)
        {
            session.Blocked.Dequeue();
            session.NextOutgoingId += (uint)pending.Frames;
            session.RemoteIncomingWindow -= (uint)pending.Frames;
            Send(new OutgoingFrame(session.LocalChannel, pending.Transfer, pending.Message));
        }
    }

    /// <summary>The client settles deliveries it received (Part 2 §2.7.6): each outcome has its queue effect.</summary>
    private void OnDisposition(AmqpSession session, Disposition disposition)
    {
        if (disposition.Role != Role.Receiver)
        {
            return; // the client settling its own sends after our accepted: nothing left to do (we settle first)
        }
        var state = disposition.State;
        AmqpTransaction? transaction = null;
        if (state is TransactionalState transactional)
        {
            state = ResolveTransactional(transactional, disposition.Settled, out transaction); // Part 4 §4.4.2
        }
        if (state is Received || (state is null && !disposition.Settled))
        {
            return; // progress only
        }
        var (outcome, failed, here, reason) = state switch
        {
            Rejected rejected => (SettleOutcome.Reject, false, false, rejected.Error?.Description ?? rejected.Error?.Condition.Value ?? "rejected by the consumer"),
            Released => (SettleOutcome.Release, false, false, (string?)null),
            Modified modified => (SettleOutcome.Modify, modified.DeliveryFailed ?? false, modified.UndeliverableHere ?? false, (string?)null),
            _ => (SettleOutcome.Accept, false, false, (string?)null), // accepted, or settled without an outcome
        };
        var first = disposition.First;
        var last = disposition.Last ?? first;
        var span = last - first;
        HashSet<OutgoingLink>? secondMode = null;
        if (span < (uint)Math.Max(session.Unsettled.Count, 64))
        {
            for (var id = first; ; id++)
            {
                Settle(session, id, outcome, failed, here, reason, transaction, ref secondMode);
                if (id == last)
                {
                    break;
                }
            }
        }
        else
        {
            foreach (var id in session.Unsettled.Keys.Where(id => id - first <= span).ToList())
            {
                Settle(session, id, outcome, failed, here, reason, transaction, ref secondMode);
            }
        }
        if (!disposition.Settled && secondMode is not null)
        {
            // rcv-settle-mode second: the receiver waits for this broker to settle first (Part 2 §2.6.12).
            Send(session.LocalChannel, new Disposition { Role = Role.Sender, First = first, Last = disposition.Last, Settled = true, State = disposition.State });
        }
    }

    private void Settle(AmqpSession session, uint deliveryId, SettleOutcome outcome, bool failed, bool here, string? reason, AmqpTransaction? transaction,
        ref HashSet<OutgoingLink>? secondMode)
    {
        if (!session.Unsettled.Remove(deliveryId, out var link) || !link.UnsettledTags.Remove(deliveryId, out var tag))
        {
            return;
        }
        if (link.ReceiverSettleMode == ReceiverSettleMode.Second)
        {
            (secondMode ??= []).Add(link);
        }
        if (transaction is not null)
        {
            transaction.Settles.Add(new TransactionalSettle(link.Queue!, link.ConsumerId, tag, outcome, failed, here, reason));
            return;
        }
        QueueSettle(link, tag, outcome, failed, here, reason);
    }

    private void QueueSettle(OutgoingLink link, long tag, SettleOutcome outcome, bool failed, bool here, string? reason)
    {
        var key = (link.Queue!, link.ConsumerId, outcome, failed, here, reason);
        if (!_pendingSettles.TryGetValue(key, out var tags))
        {
            _pendingSettles[key] = tags = [];
        }
        tags.Add(tag);
    }

    private void FlushSettles()
    {
        foreach (var (key, tags) in _pendingSettles)
        {
            var credit = 0;
            if (_consumers.TryGetValue(key.Consumer, out var link) && link.PendingCredit > 0)
            {
                credit = link.PendingCredit;
                link.PendingCredit = 0;
            }
            _ = SettleAsync(key.Queue, key.Consumer, tags, key.Outcome, key.Failed, key.Here, key.Reason, credit);
        }
        _pendingSettles.Clear();
    }

    private async Task SettleAsync(string queue, string consumer, List<long> tags, SettleOutcome outcome, bool failed, bool here, string? reason, int credit)
    {
        try
        {
            await _bridge.SettleAsync(queue, consumer, tags, outcome, failed, here, reason, credit, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not settled: the deliveries come back when the consumer's lease ends (at least once).
            LogSettleFailed(_logger, _containerId, queue, tags.Count, ex.Message);
        }
    }

    /// <summary>Everything gathered while handling frames or events goes out: dispositions, settlements, rollbacks.</summary>
    private void FlushBatches()
    {
        FlushAccepts();
        FlushSettles();
        FlushCredits();
        StartRollbacks();
    }

    private void SendLinkFlow(OutgoingLink link, bool drain = false)
    {
        var session = link.Session;
        var flow = session.NewFlow();
        flow.Handle = link.LocalHandle;
        flow.DeliveryCount = link.DeliveryCount;
        flow.LinkCredit = link.LinkCredit;
        flow.Available = (uint)link.Waiting.Count;
        flow.Drain = drain || link.Draining;
        Send(session.LocalChannel, flow);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): credit for link '{Link}' not passed on: {Message}; attaching the consumer again")]
    private static partial void LogCreditFailed(ILogger logger, string containerId, string link, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): settling {Count} deliveries of queue '{Queue}' failed: {Message}; they return when the consumer lease ends")]
    private static partial void LogSettleFailed(ILogger logger, string containerId, string queue, int count, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): topic receiver '{Link}' gives no credit; {Dropped} messages dropped so far")]
    private static partial void LogTopicDropped(ILogger logger, string containerId, string link, long dropped);
}
