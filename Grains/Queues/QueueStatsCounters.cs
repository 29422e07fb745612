namespace Grains.Queues;

/// <summary>Totals since the queue's activation.</summary>
internal struct QueueStatsCounters
{
    public long Enqueued;
    public long Delivered;
    public long Acknowledged;
    public long DeadLettered;
    public long Expired;
}
