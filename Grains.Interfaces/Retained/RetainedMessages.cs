using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>Retained messages found for a filter.</summary>
public sealed record RetainedMessages(IReadOnlyList<BrokerMessage> Messages) : IWireMessage<RetainedMessages>
{
    public static string WireName => "retained.messages";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarUInt64((ulong)Messages.Count);
        foreach (var message in Messages)
        {
            message.Write(ref writer);
        }
    }

    public static RetainedMessages Read(ref WireReader reader)
    {
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        var messages = new BrokerMessage[count];
        for (var i = 0; i < count; i++)
        {
            messages[i] = BrokerMessage.Read(ref reader);
        }
        return new RetainedMessages(messages);
    }
}
