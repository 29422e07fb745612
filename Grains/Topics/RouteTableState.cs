using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Topics;

/// <summary>The route table's durable state: the filters with bindings, and a version that grows with every change.</summary>
public sealed class RouteTableState : IWireMessage<RouteTableState>
{
    public long Version { get; set; }

    public SortedSet<string> Filters { get; set; } = new(StringComparer.Ordinal);

    public static string WireName => "routes.state";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(Version);
        StringList.WriteItems(ref writer, [.. Filters]);
    }

    public static RouteTableState Read(ref WireReader reader) => new()
    {
        Version = reader.ReadVarInt64(),
        Filters = new SortedSet<string>(StringList.ReadItems(ref reader), StringComparer.Ordinal),
    };
}
