namespace Grains.Interfaces.Retained;

/// <summary>
/// Retained messages are partitioned by the first topic level (<c>retained/{level}</c>), each partition holding a
/// topic-to-message map; <c>retained-index/all</c> lists the levels that have any, for wildcard subscriptions
/// whose first level is a wildcard.
/// </summary>
public static class RetainedGrainKind
{
    public const string Partition = "retained";

    public const string Index = "retained-index";

    public const string IndexKey = "all";

    /// <summary>The partition key of a topic name or filter: its first level.</summary>
    public static string PartitionOf(string topic)
    {
        var slash = topic.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? topic : topic[..slash];
    }
}
