using Grains.Interfaces.Messages;
using Runtime.Serialization;

namespace Grains.Retained;

/// <summary>A partition's retained messages by topic.</summary>
public sealed class RetainedState : IWireMessage<RetainedState>
{
    public SortedDictionary<string, BrokerMessage> Messages { get; set; } = new(StringComparer.Ordinal);

    public static string WireName => "retained.state";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarUInt64((ulong)Messages.Count);
        foreach (var message in Messages.Values)
        {
            message.Write(ref writer);
        }
    }

    public static RetainedState Read(ref WireReader reader)
    {
        var state = new RetainedState();
        var count = (int)Math.Min(reader.ReadVarUInt64(), 10_000_000);
        for (var i = 0; i < count; i++)
        {
            var message = BrokerMessage.Read(ref reader);
            state.Messages[message.Address] = message;
        }
        return state;
    }
}
