using Grains.Interfaces.Queues;
using Grains.Interfaces.Topics;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    private async Task EventLoopAsync(CancellationToken cancellationToken)
    {
        var reader = _events.Reader;
        try
        {
            while (await reader.WaitToReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lock (_lock)
                {
                    while (reader.TryRead(out var item))
                    {
                        Handle(item);
                    }
                    FlushBatches();
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private void Handle(object item)
    {
        switch (item)
        {
            case QueueDelivery delivery:
                OnQueueDelivery(delivery);
                break;
            case TopicDelivery delivery:
                OnTopicDelivery(delivery);
                break;
            case ConsumerDrained drained:
                OnConsumerDrained(drained);
                break;
            case SendCompleted completed:
                OnSendCompleted(completed);
                break;
            case TransactionDischarged discharged:
                OnDischarged(discharged);
                break;
            case AttachCompleted completed:
                OnAttachCompleted(completed);
                break;
            case BrowsePage page:
                OnBrowsePage(page);
                break;
            case ConsumerLost lost:
                OnConsumerLost(lost.Link);
                break;
            case ConsumerRestored restored:
                if (restored.Restored)
                {
                    PumpOutgoing(restored.Link);
                }
                break;
        }
    }

    /// <summary>The queue dropped the consumer (and took its unsettled deliveries back): forget them and attach again.</summary>
    private void OnConsumerLost(OutgoingLink link)
    {
        if (link.Detached)
        {
            return;
        }
        foreach (var deliveryId in link.UnsettledTags.Keys)
        {
            link.Session.Unsettled.Remove(deliveryId);
        }
        link.UnsettledTags.Clear();
        link.QueueCredit = 0;
        link.PendingCredit = 0;
        link.DrainRequested = false;
        _ = RestoreConsumerAsync(link);
    }

    private async Task RestoreConsumerAsync(OutgoingLink link)
    {
        var restored = false;
        try
        {
            if (link.Queue is null)
            {
                await _bridge.SubscribeTopicAsync(link.Address.Name, link.ConsumerId, _observer!.Value, _closing.Token).ConfigureAwait(false);
                restored = true;
            }
            else
            {
                restored = await AttachQueueConsumerAsync(link, _closing.Token).ConfigureAwait(false) is null;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogRestoreFailed(_logger, _containerId, link.Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Post(new ConsumerRestored(link, restored));
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): link '{Link}' could not be attached to its source again: {Message}; retrying at the next renewal")]
    private static partial void LogRestoreFailed(ILogger logger, string containerId, string link, string message);
}
