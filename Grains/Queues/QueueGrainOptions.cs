namespace Grains.Queues;

/// <summary>Broker-wide queue behaviour (per-queue behaviour is in <see cref="Grains.Interfaces.Queues.QueueSettings"/>).</summary>
public sealed class QueueGrainOptions
{
    /// <summary>Create a queue on first use; when false, using an undeclared queue is refused with a clear reason.</summary>
    public bool AutoCreate { get; set; } = true;

    /// <summary>Messages a queue keeps in memory; the rest stay in the journal and are paged in as the queue drains.</summary>
    public int MaxWindowMessages { get; set; } = 10_000;

    /// <summary>A consumer not renewed for this long is detached and its unsettled deliveries return to the queue.</summary>
    public TimeSpan ConsumerLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many consecutive publishes and settles one turn (one journal commit) may take.</summary>
    public int MaxBatchSize { get; set; } = 512;

    /// <summary>How often scheduled messages, expiry and leases are checked.</summary>
    public TimeSpan SweepPeriod { get; set; } = TimeSpan.FromMilliseconds(200);

    /// <summary>Message ids remembered per queue to drop a publisher's retries.</summary>
    public int RecentIdCapacity { get; set; } = 16_384;
}
