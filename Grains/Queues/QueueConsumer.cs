using Runtime.Identity;

namespace Grains.Queues;

/// <summary>An attached consumer: where to push, how much credit it has, what it holds unsettled.</summary>
internal sealed class QueueConsumer
{
    public QueueConsumer(string id, ObserverId observer, long attachedOrder)
    {
        Id = id;
        Observer = observer;
        AttachedOrder = attachedOrder;
    }

    public string Id { get; }

    public ObserverId Observer { get; set; }

    public long AttachedOrder { get; }

    public int Credit { get; set; }

    public bool Draining { get; set; }

    /// <summary>Tags delivered and not settled.</summary>
    public HashSet<long> Outstanding { get; } = [];

    public long LastRenewed { get; set; }
}
