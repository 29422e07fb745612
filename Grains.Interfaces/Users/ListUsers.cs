using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Users;

/// <summary>The user names in the store.</summary>
public sealed record ListUsers : IGrainRequest<StringList>, IWireMessage<ListUsers>
{
    public static string WireName => "users.list";

    public void Write(ref WireWriter writer)
    {
    }

    public static ListUsers Read(ref WireReader reader) => new();
}
