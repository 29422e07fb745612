namespace Grains.Interfaces.Queues;

/// <summary>The grain kind of queues: <c>queue/{name}</c>.</summary>
public static class QueueGrainKind
{
    public const string Name = "queue";
}
