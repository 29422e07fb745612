using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>The route table at <paramref name="Version"/>; <paramref name="Filters"/> is null when the caller already
/// had this version.</summary>
public sealed record RouteSnapshot(long Version, IReadOnlyList<string>? Filters) : IWireMessage<RouteSnapshot>
{
    public static string WireName => "routes.snapshot";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(Version);
        writer.WriteBool(Filters is not null);
        if (Filters is not null)
        {
            StringList.WriteItems(ref writer, Filters);
        }
    }

    public static RouteSnapshot Read(ref WireReader reader)
    {
        var version = reader.ReadVarInt64();
        return new RouteSnapshot(version, reader.ReadBool() ? StringList.ReadItems(ref reader) : null);
    }
}
