namespace Grains.Queues;

public sealed partial class QueueGrain
{
    // Consumers with selectors (JMS queue semantics): a consumer is offered only the messages its selector matches; a
    // message no attached consumer matches stays in the queue until one that matches attaches.
    //
    // What a dispatch scans is bounded by the in-memory window (QueueGrainOptions.MaxWindowMessages): it walks the
    // window's ready messages and never reads the journal to look further. So when the window is full of messages that
    // the selective consumers do not match, a matching message paged out behind them is not seen until the window
    // drains (other consumers take, expiry, purge) and the queue pages further in; ActiveMQ's page size has the same
    // effect. Messages that no attached consumer matches at all are parked: taken out of the ready set, so each
    // dispatch does not evaluate them again; an attach that brings a new selector (or none) puts them back. Detaching
    // cannot make a parked message deliverable, so it does not.

    /// <summary>True when consumers are attached and none of their selectors matches the entry.</summary>
    private bool NoConsumerAccepts(QueueEntry entry)
    {
        if (_consumers.Count == 0)
        {
            return false;
        }
        foreach (var consumer in _consumers.Values)
        {
            if (consumer.Accepts(entry.Message))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Takes ready entries that no consumer matches out of the ready set (after a dispatch's scan).</summary>
    private void Park(List<QueueEntry> entries)
    {
        foreach (var entry in entries)
        {
            if (_ready.Remove(entry.Sequence, entry.Message.Priority))
            {
                _parked.Add(entry.Sequence);
            }
        }
    }

    /// <summary>The consumer set changed in a way that may match parked entries: they are ready again, in their
    /// old places (priority, then sequence).</summary>
    private void UnparkAll()
    {
        foreach (var sequence in _parked)
        {
            if (_entries.TryGetValue(sequence, out var entry) && entry.Holder is null)
            {
                _ready.Add(sequence, entry.Message.Priority);
            }
        }
        _parked.Clear();
    }
}
