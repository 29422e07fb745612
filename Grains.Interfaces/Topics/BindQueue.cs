using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>
/// Binds a durable queue to this topic filter (a durable subscription): every publish that matches is enqueued there,
/// also while its consumer is away. Idempotent; binding the same queue again replaces its selector.
/// <para><paramref name="Selector"/>: a JMS message selector; only messages it matches enter the queue (JMS durable
/// subscriber semantics: the others never enter the subscription). Null or blank = every message. An invalid one
/// fails the call with a <c>SelectorParseException</c> (the caller sees <c>GrainCallException</c> with that
/// <c>ErrorType</c> and the positioned message); check it first with <c>MessageSelector.Parse</c> to answer a client
/// properly.</para>
/// </summary>
public sealed record BindQueue(string Queue, string? Selector = null) : IGrainRequest<Ack>, IWireMessage<BindQueue>
{
    public static string WireName => "topic.bind";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Queue);
        writer.WriteString(Selector);
    }

    public static BindQueue Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadNullableString());
}
