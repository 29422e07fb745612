using System.Buffers;
using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    /// <summary>Accepted deliveries not yet answered, per session: consecutive ids go out as one disposition range.</summary>
    private readonly Dictionary<AmqpSession, (uint First, uint Last)> _pendingAccepts = [];

    /// <summary>A transfer frame from the client (Part 2 §2.7.5): one frame of a message on one of its sender links.</summary>
    private void OnTransfer(AmqpSession session, Transfer transfer, AmqpLink link, in ReadOnlySequence<byte> payload)
    {
        session.NextIncomingId++;
        if (link is not IncomingLink incoming)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.IllegalState, ErrorScope.Link,
                $"A transfer on link '{link.Name}', on which the client receives (Part 2 §2.6.1).");
        }
        if (incoming.Detached)
        {
            return;
        }
        if (incoming.PartialDeliveryId is null)
        {
            if (transfer.DeliveryId is not { } deliveryId)
            {
                throw new AmqpProtocolException(AmqpErrorCondition.InvalidField, ErrorScope.Link,
                    "The first transfer of a delivery has no delivery-id (Part 2 §2.7.5).");
            }
            if (incoming.Credit == 0)
            {
                throw new AmqpProtocolException(AmqpErrorCondition.TransferLimitExceeded, ErrorScope.Link,
                    $"A transfer on link '{link.Name}' without credit (Part 2 §2.6.7).");
            }
            if (transfer.MessageFormat is { } format and not Transfer.AmqpMessageFormat)
            {
                throw new AmqpProtocolException(AmqpErrorCondition.NotImplemented, ErrorScope.Link,
                    $"message-format {format} is not supported; only 0 (AMQP 1.0 messages) is.");
            }
            if (transfer.Aborted)
            {
                ConsumeCredit(incoming);
                return;
            }
            if (!transfer.More)
            {
                CheckSize(incoming, payload.Length);
                ConsumeCredit(incoming);
                Receive(incoming, deliveryId, transfer.Settled ?? false, transfer.State, payload);
                return;
            }
            incoming.BeginPartial(deliveryId, transfer.Settled ?? false, transfer.State);
        }
        else if (transfer.Aborted)
        {
            // §2.6.14: an aborted delivery is discarded; it used its credit.
            incoming.EndPartial();
            ConsumeCredit(incoming);
            return;
        }
        else if (transfer.State is not null)
        {
            incoming.PartialState = transfer.State;
        }
        CheckSize(incoming, incoming.PartialLength + payload.Length);
        incoming.Append(payload);
        if (transfer.More)
        {
            return;
        }
        var id = incoming.PartialDeliveryId!.Value;
        var settled = incoming.PartialSettled || (transfer.Settled ?? false);
        ConsumeCredit(incoming);
        Receive(incoming, id, settled, incoming.PartialState, incoming.PartialBytes);
        incoming.EndPartial();
    }

    private void CheckSize(IncomingLink link, long length)
    {
        if (length > _options.MaxMessageSize)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.MessageSizeExceeded, ErrorScope.Link,
                $"A message of more than {_options.MaxMessageSize} bytes on link '{link.Name}' exceeds max-message-size (Amqp:MaxMessageSize).");
        }
    }

    private static void ConsumeCredit(IncomingLink link)
    {
        link.Credit--;
        link.DeliveryCount++;
    }

    /// <summary>A whole message: decoded here (its bytes are valid only now), then stored or routed by the grains, or
    /// held by its transaction (transactional-state, Part 4 §4.4.1); on a coordinator link, a declare or discharge.</summary>
    private void Receive(IncomingLink link, uint deliveryId, bool settled, DeliveryState? state, in ReadOnlySequence<byte> bytes)
    {
        if (link.IsCoordinator)
        {
            OnControlMessage(link, deliveryId, settled, bytes);
            return;
        }
        Grains.Interfaces.Messages.BrokerMessage message;
        var target = link.Address;
        try
        {
            if (link.AnonymousRelay && !TryRelay(link, deliveryId, settled, bytes, out target))
            {
                return;
            }
            message = AmqpMessageMapping.FromAmqp(bytes, target.Name, $"{ConnectionId}-{++_messageCounter}", _containerId, settled, Now);
        }
        catch (AmqpDecodeException ex)
        {
            LogBadMessage(_logger, _remote, _containerId, link.Name, ex.Message);
            if (!settled)
            {
                SendDisposition(link.Session, Role.Receiver, deliveryId, deliveryId, new Rejected { Error = new Error(ex.Condition, ex.Message) });
            }
            ReplenishCredit(link);
            return;
        }
        if (state is TransactionalState transactional)
        {
            Enlist(link, target, deliveryId, settled, transactional, message);
            ReplenishCredit(link);
            return;
        }
        link.Outstanding++;
        _ = StoreAsync(link, target, deliveryId, settled, message);
    }

    private async Task StoreAsync(IncomingLink link, AmqpAddress target, uint deliveryId, bool settled, Grains.Interfaces.Messages.BrokerMessage message)
    {
        SendOutcome outcome;
        try
        {
            // Not the connection's token: a message the connection took in is stored even when the client closes right
            // after sending it (a pre-settled send has nothing else to wait for). The call has its own timeout.
            outcome = await _bridge.SendAsync(target, message, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Not stored: the client is told so.
            outcome = SendOutcome.Refused(AmqpErrorCondition.InternalError, "the message could not be stored now: " + ex.Message);
        }
        Post(new SendCompleted(link, target, deliveryId, settled, outcome));
    }

    private void OnSendCompleted(SendCompleted completed)
    {
        var link = completed.Link;
        link.Outstanding--;
        if (link.Detached)
        {
            return;
        }
        if (!completed.Settled)
        {
            if (completed.Outcome.Accepted)
            {
                QueueAccept(link.Session, completed.DeliveryId);
            }
            else
            {
                LogSendRefused(_logger, _containerId, completed.Target.ToString(), completed.Outcome.Condition.Value, completed.Outcome.Description ?? string.Empty);
                SendDisposition(link.Session, Role.Receiver, completed.DeliveryId, completed.DeliveryId,
                    new Rejected { Error = new Error(completed.Outcome.Condition, completed.Outcome.Description) });
            }
        }
        ReplenishCredit(link);
    }

    /// <summary>Tops the client's credit up once half of it is used and stored.</summary>
    private void ReplenishCredit(IncomingLink link)
    {
        var window = (uint)_options.LinkCredit;
        if (link.Detached || link.Credit + (uint)link.Outstanding > window / 2)
        {
            return;
        }
        link.Credit = window - (uint)link.Outstanding;
        SendLinkFlow(link);
    }

    private void QueueAccept(AmqpSession session, uint deliveryId)
    {
        if (_pendingAccepts.TryGetValue(session, out var range))
        {
            if (deliveryId == range.Last + 1)
            {
                _pendingAccepts[session] = (range.First, deliveryId);
                return;
            }
            SendDisposition(session, Role.Receiver, range.First, range.Last, Accepted.Instance);
        }
        _pendingAccepts[session] = (deliveryId, deliveryId);
    }

    private void FlushAccepts()
    {
        foreach (var (session, range) in _pendingAccepts)
        {
            if (!session.Ending)
            {
                SendDisposition(session, Role.Receiver, range.First, range.Last, Accepted.Instance);
            }
        }
        _pendingAccepts.Clear();
    }

    private void SendDisposition(AmqpSession session, Role role, uint first, uint last, DeliveryState state) =>
        Send(session.LocalChannel, new Disposition { Role = role, First = first, Last = last == first ? null : last, Settled = true, State = state });

    /// <summary>This broker's flow for a link it receives on: its credit and the session's windows.</summary>
    private void SendLinkFlow(IncomingLink link)
    {
        var session = link.Session;
        var flow = session.NewFlow();
        flow.Handle = link.LocalHandle;
        flow.DeliveryCount = link.DeliveryCount;
        flow.LinkCredit = link.Credit;
        Send(session.LocalChannel, flow);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): message on link '{Link}' rejected: {Message}")]
    private static partial void LogBadMessage(ILogger logger, string remote, string containerId, string link, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP ({ContainerId}): a message to {Address} was not stored: {Condition} {Message}")]
    private static partial void LogSendRefused(ILogger logger, string containerId, string address, string condition, string message);
}
