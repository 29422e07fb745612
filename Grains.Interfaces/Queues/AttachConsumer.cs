using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>
/// Attaches a consumer (an AMQP receiver link, an MQTT subscription's session) that receives
/// <see cref="QueueDelivery"/> notifications at <paramref name="Observer"/>, one per unit of credit. Attaching an id
/// that is already attached updates its observer, credit and selector (re-attach after the gateway reconnected). The
/// consumer must be renewed (<see cref="RenewConsumers"/>) within the queue's lease time or it is detached and its
/// unsettled deliveries go back to the queue.
/// <para><paramref name="Selector"/>: a JMS message selector (AMQP filter <c>apache.org:selector-filter:string</c>);
/// the consumer is offered only the messages it matches, the others stay for other consumers (JMS queue semantics).
/// Null or blank = every message. An invalid one is refused with <see cref="AttachStatus.InvalidSelector"/>.</para>
/// </summary>
public sealed record AttachConsumer(string ConsumerId, ObserverId Observer, int Credit, string? Selector = null)
    : IGrainRequest<ConsumerAttached>, IWireMessage<AttachConsumer>
{
    public static string WireName => "queue.attach";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(ConsumerId);
        writer.WriteString(Observer.ClientId);
        writer.WriteVarInt64(Observer.Key);
        writer.WriteVarInt32(Credit);
        writer.WriteString(Selector);
    }

    public static AttachConsumer Read(ref WireReader reader) =>
        new(reader.ReadString(), new ObserverId(reader.ReadString(), reader.ReadVarInt64()), reader.ReadVarInt32(), reader.ReadNullableString());
}
