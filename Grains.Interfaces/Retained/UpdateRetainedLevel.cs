using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>A partition tells the index whether its first level holds retained messages.</summary>
public sealed record UpdateRetainedLevel(string Level, bool HasMessages) : IGrainRequest<Ack>, IWireMessage<UpdateRetainedLevel>
{
    public static string WireName => "retained.level";

    public void Write(ref WireWriter writer)
    {
        writer.WriteString(Level);
        writer.WriteBool(HasMessages);
    }

    public static UpdateRetainedLevel Read(ref WireReader reader) => new(reader.ReadString(), reader.ReadBool());
}
