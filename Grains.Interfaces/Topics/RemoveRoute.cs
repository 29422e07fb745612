using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>A topic grain tells the route table that its filter has no binding left.</summary>
public sealed record RemoveRoute(string Filter) : IGrainRequest<Int64Value>, IWireMessage<RemoveRoute>
{
    public static string WireName => "routes.remove";

    public void Write(ref WireWriter writer) => writer.WriteString(Filter);

    public static RemoveRoute Read(ref WireReader reader) => new(reader.ReadString());
}
