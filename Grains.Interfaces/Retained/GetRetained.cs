using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>The retained messages of this partition whose topic matches <paramref name="Filter"/>.</summary>
public sealed record GetRetained(string Filter) : IGrainRequest<RetainedMessages>, IWireMessage<GetRetained>
{
    public static string WireName => "retained.get";

    public void Write(ref WireWriter writer) => writer.WriteString(Filter);

    public static GetRetained Read(ref WireReader reader) => new(reader.ReadString());
}
