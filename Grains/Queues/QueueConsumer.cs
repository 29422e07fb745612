using Grains.Interfaces.Messages;
using Grains.Interfaces.Selectors;
using Runtime.Identity;

namespace Grains.Queues;

/// <summary>An attached consumer: where to push, how much credit it has, which messages it wants, what it holds unsettled.</summary>
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

    /// <summary>Only messages this selector matches are offered to the consumer; null = all.</summary>
    public MessageSelector? Selector { get; set; }

    public bool Draining { get; set; }

    /// <summary>Tags delivered and not settled.</summary>
    public HashSet<long> Outstanding { get; } = [];

    public long LastRenewed { get; set; }

    public bool Accepts(BrokerMessage message) => Selector is null || Selector.Matches(message);
}
