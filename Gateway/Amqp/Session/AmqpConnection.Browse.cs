using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Amqp.Session;

/// <summary>
/// Queue browsers (Part 3 §3.5.7 distribution-mode <c>copy</c> on a queue; Qpid JMS QueueBrowser): the link reads the
/// queue page by page without consuming, as far as the client's credit goes, and sends each message with the link's
/// settle mode; the client's outcomes change nothing in the queue. Messages not yet due (scheduled) or expired are not
/// shown, a selector is applied here. Once the queue's content has been read the link has no more messages: a drain is
/// answered with the credit consumed, as on an empty queue.
/// </summary>
internal sealed partial class AmqpConnection
{
    private async Task StartBrowseAsync(OutgoingLink link, Attach attach)
    {
        (AmqpSymbol, string)? error = null;
        try
        {
            if (await _bridge.EnsureQueueAsync(link.Address.Name, _closing.Token).ConfigureAwait(false) is { } refusal)
            {
                error = (AmqpErrorCondition.NotFound, refusal);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            error = (AmqpErrorCondition.InternalError, "the queue is not reachable now: " + ex.Message);
        }
        Post(new AttachCompleted(link, attach, error));
    }

    /// <summary>Sends what was read as credit allows, reads the next page when credit is left, and finishes a drain.</summary>
    private void PumpBrowse(OutgoingLink link)
    {
        var cursor = link.Browse!;
        while (link.LinkCredit > 0 && link.Waiting.TryDequeue(out var waiting))
        {
            SendDelivery(link, waiting);
        }
        if (cursor.Fetching || link.Waiting.Count > 0)
        {
            return;
        }
        if (link.LinkCredit > 0 && !cursor.Exhausted)
        {
            var asked = (int)Math.Min(link.LinkCredit, BrowseCursor.MaxPage);
            cursor.Fetching = true;
            _ = ReadPageAsync(link, cursor.AfterTag, asked);
        }
        else if (link.Draining)
        {
            CompleteDrain(link);
        }
    }

    private async Task ReadPageAsync(OutgoingLink link, long afterTag, int asked)
    {
        IReadOnlyList<Grains.Interfaces.Queues.QueuedMessage>? messages = null;
        try
        {
            messages = await _bridge.BrowseAsync(link.Address.Name, afterTag, asked, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogBrowseFailed(_logger, _containerId, link.Name, ex.Message);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        Post(new BrowsePage(link, messages, asked));
    }

    private void OnBrowsePage(BrowsePage page)
    {
        var link = page.Link;
        var cursor = link.Browse!;
        cursor.Fetching = false;
        if (link.Detached)
        {
            return;
        }
        if (page.Messages is not { } messages)
        {
            cursor.Exhausted = true; // the queue is not reachable: end the browse rather than retry without bound
            PumpBrowse(link);
            return;
        }
        var now = Now;
        foreach (var queued in messages)
        {
            cursor.AfterTag = Math.Max(cursor.AfterTag, queued.Tag);
            var message = queued.Message;
            if (message.DeliverAt > now || message.IsExpired(now) || link.Selector?.Matches(message) == false)
            {
                continue;
            }
            link.Waiting.Enqueue(new WaitingDelivery(queued.Tag, queued.DeliveryCount, message));
        }
        cursor.Exhausted = messages.Count < page.Asked;
        PumpBrowse(link);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "AMQP ({ContainerId}): browsing for link '{Link}' failed: {Message}; the browse ends")]
    private static partial void LogBrowseFailed(ILogger logger, string containerId, string link, string message);
}
