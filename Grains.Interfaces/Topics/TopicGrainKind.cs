namespace Grains.Interfaces.Topics;

/// <summary>Grain kinds of routing: <c>topic/{filter}</c> (one per subscribed filter) and the single <c>routes/all</c>.</summary>
public static class TopicGrainKind
{
    public const string Topic = "topic";

    public const string RouteTable = "routes";

    public const string RouteTableKey = "all";
}
