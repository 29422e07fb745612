using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Interfaces.Topics;

/// <summary>
/// Reads the route table (the filters that have bindings). When <paramref name="Watcher"/> is given, the table also
/// pushes <see cref="RoutesChanged"/> to it on every change for the watch lease; calling again renews the watch.
/// The filters are returned only when the table's version differs from <paramref name="KnownVersion"/>.
/// </summary>
public sealed record GetRoutes(long KnownVersion, ObserverId? Watcher) : IGrainRequest<RouteSnapshot>, IWireMessage<GetRoutes>
{
    public static string WireName => "routes.get";

    public void Write(ref WireWriter writer)
    {
        writer.WriteVarInt64(KnownVersion);
        writer.WriteBool(Watcher is not null);
        if (Watcher is { } watcher)
        {
            writer.WriteString(watcher.ClientId);
            writer.WriteVarInt64(watcher.Key);
        }
    }

    public static GetRoutes Read(ref WireReader reader)
    {
        var version = reader.ReadVarInt64();
        ObserverId? watcher = reader.ReadBool() ? new ObserverId(reader.ReadString(), reader.ReadVarInt64()) : null;
        return new GetRoutes(version, watcher);
    }
}
