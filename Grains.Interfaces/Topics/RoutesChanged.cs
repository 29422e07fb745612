using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>Pushed to route watchers: the table moved to <paramref name="Version"/> (read it with <see cref="GetRoutes"/>).</summary>
public sealed record RoutesChanged(long Version) : IWireMessage<RoutesChanged>
{
    public static string WireName => "routes.changed";

    public void Write(ref WireWriter writer) => writer.WriteVarInt64(Version);

    public static RoutesChanged Read(ref WireReader reader) => new(reader.ReadVarInt64());
}
