using Gateway.Amqp.Bridge;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Grains.Interfaces.Queues;
using Grains.Interfaces.Selectors;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    private long _dynamicCounter;

    private void OnAttach(AmqpSession session, Attach attach)
    {
        if (session.Links.ContainsKey(attach.Handle))
        {
            throw new AmqpProtocolException(AmqpErrorCondition.HandleInUse, ErrorScope.Session,
                $"Handle {attach.Handle} is already attached (Part 2 §2.6.2).");
        }
        if (attach.Handle > session.HandleMax)
        {
            throw new AmqpProtocolException(AmqpErrorCondition.FramingError, ErrorScope.Connection,
                $"Handle {attach.Handle} is above the session's handle-max {session.HandleMax} (Part 2 §2.7.2).");
        }
        if (attach.Role == Role.Sender)
        {
            AttachIncoming(session, attach);
        }
        else
        {
            AttachOutgoing(session, attach);
        }
    }

    /// <summary>The client will send: resolve the target, make sure a queue exists, then answer and grant credit.</summary>
    private void AttachIncoming(AmqpSession session, Attach attach)
    {
        if (attach.Coordinator is not null)
        {
            AttachCoordinator(session, attach);
            return;
        }
        var target = attach.Target;
        string? problem;
        AmqpSymbol condition = AmqpErrorCondition.NotFound;
        AmqpAddress address = default;
        var relay = target is { Address: null, Dynamic: false };
        if (relay)
        {
            problem = null; // the anonymous relay: each message's 'to' is resolved and checked as it comes
        }
        else if (target is null)
        {
            problem = "the link has no target; give it an address (/queues/NAME, /topics/NAME, queue://NAME, topic://NAME or NAME)";
            condition = AmqpErrorCondition.InvalidField;
        }
        else if (target.Dynamic)
        {
            address = DynamicNode(target); // a JMS temporary queue or topic (Qpid JMS creates them with a dynamic sender)
            problem = null;
        }
        else if (!AmqpAddress.TryParse(target.Address, forReceiving: false, BareKind(target), out address, out problem))
        {
            condition = AmqpErrorCondition.InvalidField;
        }
        else if (!IsOwnTemporaryNode(address) && !_authenticator.MayPublish(_userName, address.Name))
        {
            problem = $"user '{_userName ?? "(anonymous)"}' may not send to '{target.Address}'";
            condition = AmqpErrorCondition.UnauthorizedAccess;
        }
        else
        {
            problem = null;
        }
        var link = new IncomingLink(session, attach.LinkName, attach.Handle, session.AllocateHandle(), address)
        {
            DeliveryCount = attach.InitialDeliveryCount ?? 0,
            AnonymousRelay = relay,
            Dynamic = target?.Dynamic ?? false,
        };
        session.Links[attach.Handle] = link;
        if (problem is not null)
        {
            RefuseAttach(link, attach, condition, problem);
            return;
        }
        if (address.Kind == AmqpNodeKind.Queue && !relay)
        {
            _ = EnsureQueueThenAsync(link, attach, address.Name);
        }
        else
        {
            CompleteIncomingAttach(link, attach);
        }
    }

    private async Task EnsureQueueThenAsync(IncomingLink link, Attach attach, string queue)
    {
        string? refusal;
        try
        {
            refusal = await _bridge.EnsureQueueAsync(queue, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            refusal = "the queue is not reachable now: " + ex.Message;
        }
        Post(new AttachCompleted(link, attach, refusal is null ? null : (AmqpErrorCondition.NotFound, refusal)));
    }

    private void CompleteIncomingAttach(IncomingLink link, Attach attach)
    {
        Send(link.Session.LocalChannel, new Attach
        {
            LinkName = link.Name,
            Handle = link.LocalHandle,
            Role = Role.Receiver,
            SndSettleMode = attach.SndSettleMode,
            RcvSettleMode = ReceiverSettleMode.First,
            Source = attach.Source,
            Target = AnswerTarget(link, attach.Target!),
            MaxMessageSize = (ulong)_options.MaxMessageSize,
        });
        link.Attached = true;
        if (link.Detached)
        {
            return;
        }
        link.Credit = (uint)_options.LinkCredit;
        SendLinkFlow(link);
    }

    /// <summary>The client will receive: a queue consumer, a dynamic (temporary) queue, a durable subscription or a transient topic subscription.</summary>
    private void AttachOutgoing(AmqpSession session, Attach attach)
    {
        var source = attach.Source;
        string? problem = null;
        AmqpSymbol condition = AmqpErrorCondition.InvalidField;
        AmqpAddress address = default;
        OutgoingSource kind = OutgoingSource.Queue;
        if (source is null)
        {
            problem = "the link has no source; give it an address (/queues/NAME, /topics/FILTER, queue://NAME, topic://FILTER or NAME) or make it dynamic";
        }
        else if (source.Dynamic)
        {
            address = DynamicNode(source);
            kind = address.Kind == AmqpNodeKind.Queue ? OutgoingSource.DynamicQueue : OutgoingSource.TopicSubscription;
        }
        else if (!AmqpAddress.TryParse(source.Address, forReceiving: true, BareKind(source), out address, out problem))
        {
        }
        else if (!IsOwnTemporaryNode(address) && !_authenticator.MaySubscribe(_userName, address.Name))
        {
            problem = $"user '{_userName ?? "(anonymous)"}' may not receive from '{source.Address}'";
            condition = AmqpErrorCondition.UnauthorizedAccess;
        }
        else if (address.Kind == AmqpNodeKind.Topic)
        {
            kind = source.Durable != TerminusDurability.None || source.ExpiryPolicy == TerminusExpiryPolicy.Never
                ? OutgoingSource.DurableSubscription
                : OutgoingSource.TopicSubscription;
        }
        else if (source.DistributionMode == DistributionMode.Copy)
        {
            kind = OutgoingSource.Browse; // §3.5.7 copy: a queue browser (JMS QueueBrowser) reads without taking
        }
        MessageSelector? selector = null;
        if (problem is null or "" && SelectorFilter.Find(source?.Filter) is { } filter)
        {
            try
            {
                selector = MessageSelector.ParseOptional(filter.Text);
            }
            catch (SelectorParseException ex)
            {
                problem = ex.Message;
                condition = AmqpErrorCondition.InvalidField;
            }
        }
        var consumerId = $"{ConnectionId}:{++_consumerCounter}";
        var link = new OutgoingLink(session, attach.LinkName, attach.Handle, session.AllocateHandle(), address, consumerId, kind,
            attach.SndSettleMode, attach.RcvSettleMode)
        {
            Selector = selector,
            Browse = kind == OutgoingSource.Browse ? new BrowseCursor() : null,
        };
        session.Links[attach.Handle] = link;
        if (!string.IsNullOrEmpty(problem))
        {
            RefuseAttach(link, attach, condition, problem);
            return;
        }
        if (kind == OutgoingSource.Browse)
        {
            _ = StartBrowseAsync(link, attach); // takes nothing from the queue: not a consumer, nothing to give back
            return;
        }
        link.Queue = kind switch
        {
            OutgoingSource.Queue or OutgoingSource.DynamicQueue => address.Name,
            OutgoingSource.DurableSubscription => DurableSubscriptionQueue(attach.LinkName),
            _ => null,
        };
        _consumers[consumerId] = link;
        link.Started = true;
        _ = StartConsumerAsync(link, attach);
    }

    /// <summary>A durable subscription is identified by the container id and the link name (JMS client id + subscription name).</summary>
    private string DurableSubscriptionQueue(string linkName) => $"{BrokerManagedQueues.DurableSubscriptionPrefix}{_containerId}/{linkName}";

    private async Task StartConsumerAsync(OutgoingLink link, Attach attach)
    {
        (AmqpSymbol, string)? error = null;
        try
        {
            var token = _closing.Token;
            switch (link.SourceKind)
            {
                case OutgoingSource.TopicSubscription:
                    await _bridge.SubscribeTopicAsync(link.Address.Name, link.ConsumerId, _observer!.Value, token).ConfigureAwait(false);
                    break;
                case OutgoingSource.DurableSubscription:
                    await _bridge.EnsureQueueAsync(link.Queue!, token).ConfigureAwait(false);
                    await _bridge.BindAsync(link.Address.Name, link.Queue!, link.Selector?.Text, token).ConfigureAwait(false);
                    error = await AttachQueueConsumerAsync(link, token).ConfigureAwait(false);
                    break;
                default:
                    error = await AttachQueueConsumerAsync(link, token).ConfigureAwait(false);
                    break;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = (AmqpErrorCondition.InternalError, "the source is not reachable now: " + ex.Message);
        }
        Post(new AttachCompleted(link, attach, error));
    }

    private async Task<(AmqpSymbol, string)?> AttachQueueConsumerAsync(OutgoingLink link, CancellationToken cancellationToken)
    {
        // A durable subscription's queue holds only matching messages already (the binding filters); a queue consumer filters here.
        var selector = link.SourceKind == OutgoingSource.DurableSubscription ? null : link.Selector?.Text;
        var attached = await _bridge.AttachConsumerAsync(link.Queue!, link.ConsumerId, _observer!.Value, 0, selector, cancellationToken).ConfigureAwait(false);
        return attached.Status switch
        {
            AttachStatus.Attached => null,
            AttachStatus.InvalidSelector => (AmqpErrorCondition.InvalidField, attached.Reason ?? "invalid selector"),
            _ => (AmqpErrorCondition.NotFound, attached.Reason ?? $"queue '{link.Queue}' refused the consumer"),
        };
    }

    private void OnAttachCompleted(AttachCompleted completed)
    {
        var link = completed.Link;
        if (completed.Error is { } error)
        {
            RefuseAttach(link, completed.Attach, error.Condition, error.Description);
            return;
        }
        if (link is IncomingLink incoming)
        {
            CompleteIncomingAttach(incoming, completed.Attach);
            return;
        }
        var outgoing = (OutgoingLink)link;
        var requested = completed.Attach.Source!;
        Send(link.Session.LocalChannel, new Attach
        {
            LinkName = link.Name,
            Handle = link.LocalHandle,
            Role = Role.Sender,
            SndSettleMode = outgoing.SenderSettleMode,
            RcvSettleMode = outgoing.ReceiverSettleMode,
            Source = new Source
            {
                Address = requested.Dynamic ? DynamicAddress(link.Address) : requested.Address,
                Durable = requested.Durable,
                ExpiryPolicy = requested.ExpiryPolicy,
                Timeout = requested.Timeout,
                Dynamic = requested.Dynamic,
                DefaultOutcome = requested.DefaultOutcome,
                Outcomes = requested.Outcomes,
                DistributionMode = AnswerDistributionMode(outgoing, requested),
                Capabilities = AnswerCapabilities(outgoing, requested),
                Filter = SupportedFilters(requested.Filter), // §3.5.3: the filters in force; the client decides about the others
            },
            Target = completed.Attach.Target,
            InitialDeliveryCount = 0,
        });
        link.Attached = true;
        if (link.Detached)
        {
            return;
        }
        PumpOutgoing(outgoing);
    }

    private static AmqpMap? SupportedFilters(AmqpMap? requested)
    {
        if (SelectorFilter.Find(requested) is not { } selector)
        {
            return null;
        }
        var map = new AmqpMap();
        map.Add(selector.Key, selector.Value);
        return map;
    }

    /// <summary>§2.6.3: a node that cannot be attached is answered with a null terminus and then detached with the error.</summary>
    private void RefuseAttach(AmqpLink link, Attach attach, AmqpSymbol condition, string description)
    {
        LogAttachRefused(_logger, _remote, _containerId, attach.LinkName, condition.Value, description);
        var incoming = attach.Role == Role.Sender;
        Send(link.Session.LocalChannel, new Attach
        {
            LinkName = attach.LinkName,
            Handle = link.LocalHandle,
            Role = incoming ? Role.Receiver : Role.Sender,
            Source = incoming ? attach.Source : null,
            Target = incoming ? null : attach.Target,
            InitialDeliveryCount = incoming ? null : 0,
        });
        Send(link.Session.LocalChannel, new Detach { Handle = link.LocalHandle, Closed = true, Error = new Error(condition, description) });
        link.Attached = true;
        CloseLink(link, unsubscribe: false); // stays in the session's links until the client's detach answers ours
    }

    private void OnDetach(AmqpSession session, Detach detach)
    {
        if (!session.Links.TryGetValue(detach.Handle, out var link))
        {
            throw new AmqpProtocolException(AmqpErrorCondition.UnattachedHandle, ErrorScope.Session,
                $"detach of handle {detach.Handle}, which is not attached (Part 2 §2.6.2).");
        }
        session.Links.Remove(detach.Handle);
        if (detach.Error is { } error)
        {
            LogPeerError(_logger, _remote, _containerId, "detach", error.Condition.Value, error.Description ?? string.Empty);
        }
        var alreadyAnswered = link.Detached; // we detached it with an error first; this is the peer's answer
        CloseLink(link, unsubscribe: detach.Closed);
        if (!alreadyAnswered)
        {
            Send(session.LocalChannel, new Detach { Handle = link.LocalHandle, Closed = detach.Closed });
        }
        session.FreeHandle(link.LocalHandle);
    }

    /// <summary>
    /// Ends a link's use of the grains: a consumer is detached (its unsettled deliveries go back to the queue), deliveries
    /// waiting for credit are released, a transient subscription ends, a dynamic queue is emptied, and a durable
    /// subscription is deleted only when the client closed the link (<paramref name="unsubscribe"/>).
    /// </summary>
    private void CloseLink(AmqpLink link, bool unsubscribe)
    {
        if (link.Detached)
        {
            return;
        }
        link.Detached = true;
        if (link is IncomingLink incoming)
        {
            incoming.EndPartial();
            if (incoming.IsCoordinator)
            {
                RollBackTransactionsOf(incoming);
            }
            else if (incoming.Dynamic && incoming.Address.Kind == AmqpNodeKind.Queue)
            {
                _pendingReleases.RemoveAll(static t => t.IsCompleted);
                _pendingReleases.Add(DeleteTemporaryQueueAsync(incoming));
            }
            return;
        }
        var outgoing = (OutgoingLink)link;
        if (!outgoing.Started)
        {
            return; // refused before it reached a queue or topic
        }
        _consumers.Remove(outgoing.ConsumerId);
        FlushSettles(); // settlements the client sent before detaching reach the queue before the detach does
        foreach (var deliveryId in outgoing.UnsettledTags.Keys)
        {
            outgoing.Session.Unsettled.Remove(deliveryId);
        }
        var waiting = new List<long>();
        while (outgoing.Waiting.TryDequeue(out var delivery))
        {
            waiting.Add(delivery.Tag);
        }
        _pendingReleases.RemoveAll(static t => t.IsCompleted);
        _pendingReleases.Add(ReleaseLinkAsync(outgoing, waiting, unsubscribe));
    }

    private async Task ReleaseLinkAsync(OutgoingLink link, List<long> waiting, bool unsubscribe)
    {
        var token = CancellationToken.None;
        try
        {
            if (link.SourceKind == OutgoingSource.TopicSubscription)
            {
                await _bridge.UnsubscribeTopicAsync(link.Address.Name, link.ConsumerId, token).ConfigureAwait(false);
                return;
            }
            var queue = link.Queue!;
            if (waiting.Count > 0)
            {
                await _bridge.SettleAsync(queue, link.ConsumerId, waiting, Grains.Interfaces.Queues.SettleOutcome.Release, false, false, null, 0, token).ConfigureAwait(false);
            }
            await _bridge.DetachConsumerAsync(queue, link.ConsumerId, token).ConfigureAwait(false);
            if (link.SourceKind == OutgoingSource.DynamicQueue)
            {
                await _bridge.PurgeAsync(queue, token).ConfigureAwait(false);
            }
            else if (link.SourceKind == OutgoingSource.DurableSubscription && unsubscribe)
            {
                await _bridge.UnbindAsync(link.Address.Name, queue, token).ConfigureAwait(false);
                await _bridge.PurgeAsync(queue, token).ConfigureAwait(false);
            }
        }
        catch (Exception ex)
        {
            LogReleaseFailed(_logger, _containerId, link.Name, ex.Message);
        }
    }

    /// <summary>At the end of the connection: every link's grain resources are released before the connection is gone.</summary>
    private async Task ReleaseAllAsync()
    {
        List<Task> pending;
        lock (_lock)
        {
            foreach (var session in _sessions.Values)
            {
                foreach (var link in session.Links.Values)
                {
                    CloseLink(link, unsubscribe: false);
                }
                session.Links.Clear();
            }
            _sessions.Clear();
            StartRollbacks();
            pending = [.. _pendingReleases];
            _pendingReleases.Clear();
        }
        try
        {
            await Task.WhenAll(pending).WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The leases expire instead: the queues take the deliveries back themselves.
        }
    }

    private readonly List<Task> _pendingReleases = [];

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): attach of link '{Link}' refused: {Condition} {Message}")]
    private static partial void LogAttachRefused(ILogger logger, string remote, string containerId, string link, string condition, string message);

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): releasing link '{Link}' failed: {Message}; the consumer lease expires instead")]
    private static partial void LogReleaseFailed(ILogger logger, string containerId, string link, string message);
}
