using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Attaches a consumer (an AMQP receiver link, an MQTT subscription's session) that receives
/// <see cref="QueueDelivery"/> notifications at <paramref name="Observer"/>, one per unit of credit. Attaching an id
/// that is already attached updates its observer and credit (re-attach after the gateway reconnected). The consumer
/// must be renewed (<see cref="RenewConsumers"/>) within the queue's lease time or it is detached and its unsettled
/// deliveries go back to the queue.
/// </summary>
public sealed record AttachConsumer(string ConsumerId, ObserverId Observer, int Credit) : IGrainRequest<ConsumerAttached>, IWireMessage<AttachConsumer>
{
    public static string WireName => "queue.attach";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConsumerId);
        writer.WriteString(Observer.ClientId);
        writer.WriteVarInt64(Observer.Key);
        writer.WriteVarInt32(Credit);
    }

    public static AttachConsumer Read(ref WireReader reader) =>
        new(reader.ReadString(), new ObserverId(reader.ReadString(), reader.ReadVarInt64()), reader.ReadVarInt32());
}
