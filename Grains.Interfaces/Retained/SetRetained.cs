using Grains.Interfaces.Messages;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>Stores <paramref name="Message"/> as the retained message of its topic, replacing the previous one; an
/// empty payload deletes it (MQTT [MQTT-3.3.1-6]). Replies true when the partition now holds any message.</summary>
public sealed record SetRetained(BrokerMessage Message) : IGrainRequest<BoolValue>, IWireMessage<SetRetained>
{
    public static string WireName => "retained.set";

    public void Write(ref WireWriter writer) => Message.Write(ref writer);

    public static SetRetained Read(ref WireReader reader) => new(BrokerMessage.Read(ref reader));
}
