using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>A topic grain tells the route table that its filter has bindings (sent by the runtime's topic grains).</summary>
public sealed record AddRoute(string Filter) : IGrainRequest<Int64Value>, IWireMessage<AddRoute>
{
    public static string WireName => "routes.add";

    public void Write(ref WireWriter writer) => writer.WriteString(Filter);

    public static AddRoute Read(ref WireReader reader) => new(reader.ReadString());
}
