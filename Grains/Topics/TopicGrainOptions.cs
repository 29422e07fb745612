namespace Grains.Topics;

/// <summary>Routing behaviour.</summary>
public sealed class TopicGrainOptions
{
    /// <summary>A transient subscriber (or route watcher) not renewed for this long is dropped.</summary>
    public TimeSpan SubscriberLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How many consecutive publishes one topic turn forwards together.</summary>
    public int MaxBatchSize { get; set; } = 256;
}
