using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>Retained messages found for a filter.</summary>
public sealed record RetainedMessages(IReadOnlyList<BrokerMessage> Messages) : IWireMessage<RetainedMessages>
{
    public static string WireName => "retained.messages";

    public void Write(ref WireWriter writer) => writer.WriteList(Messages);

    public static RetainedMessages Read(ref WireReader reader) => new(reader.ReadList<BrokerMessage>());
}
