using System.Collections.Concurrent;
using Runtime.Activation;
using Runtime.Identity;

namespace Runtime.Messaging;

/// <summary>
/// Hands calls made inside a silo to the grains it owns, keeping them in the order they were made when a grain's
/// mailbox is full. A remote call refused as Overloaded is resent in order by <see cref="CallOrdering"/>; a local one
/// used to wait a pause and try again on its own, so a later call could reach the grain first (a topic grain's
/// pipelined enqueues to a busy queue would then reorder a publisher's messages). Here the first call that finds the
/// mailbox full opens a backlog for that grain; every later local call to it joins the backlog's tail, and one pump
/// hands the backlog in, head first, as room appears. With no backlog a call goes straight to the mailbox.
/// </summary>
internal sealed class LocalDispatchOrder
{
    private readonly ILocalGrainDispatcher _local;
    private readonly TimeSpan _retryPause;
    private readonly TimeProvider _time;
    private readonly ConcurrentDictionary<GrainId, Backlog> _backlogs = new();

    public LocalDispatchOrder(ILocalGrainDispatcher local, TimeSpan retryPause, TimeProvider time)
    {
        _local = local;
        _retryPause = retryPause;
        _time = time;
    }

    public void Dispatch(GrainId target, in MailboxItem item)
    {
        // ContainsKey reads without locks; IsEmpty would take every lock of the dictionary when it is empty, which is
        // the usual case, on every local call.
        if (!_backlogs.ContainsKey(target) && _local.TryDispatch(target, item))
        {
            return;
        }
        Enqueue(target, item);
    }

    private void Enqueue(GrainId target, MailboxItem item)
    {
        while (true)
        {
            var backlog = _backlogs.GetOrAdd(target, static _ => new Backlog());
            lock (backlog)
            {
                if (backlog.Retired)
                {
                    continue; // its pump just emptied and dropped it: open a fresh one
                }
                backlog.Items.Enqueue(item);
                if (!backlog.Pumping)
                {
                    backlog.Pumping = true;
                    _ = PumpAsync(target, backlog);
                }
                return;
            }
        }
    }

    private async Task PumpAsync(GrainId target, Backlog backlog)
    {
        while (true)
        {
            MailboxItem head;
            lock (backlog)
            {
                if (backlog.Items.Count == 0)
                {
                    backlog.Retired = true;
                    _backlogs.TryRemove(new KeyValuePair<GrainId, Backlog>(target, backlog));
                    return;
                }
                head = backlog.Items.Peek();
            }
            if (head.DeadlineTimestamp != 0 && _time.GetTimestamp() > head.DeadlineTimestamp)
            {
                // Its caller has been told it timed out (the pending-call sweep): do not run it late.
                Dequeue(backlog);
                continue;
            }
            if (_local.TryDispatch(target, head))
            {
                Dequeue(backlog);
                continue;
            }
            await Task.Delay(_retryPause, _time).ConfigureAwait(false);
        }
    }

    private static void Dequeue(Backlog backlog)
    {
        lock (backlog)
        {
            backlog.Items.Dequeue();
        }
    }

    /// <summary>The calls to one grain waiting for room in its mailbox, oldest first.</summary>
    private sealed class Backlog
    {
        public Queue<MailboxItem> Items { get; } = new();

        public bool Pumping { get; set; }

        public bool Retired { get; set; }
    }
}
