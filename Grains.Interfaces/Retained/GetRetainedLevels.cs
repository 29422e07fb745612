using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Retained;

/// <summary>The first levels that hold retained messages.</summary>
public sealed record GetRetainedLevels : IGrainRequest<StringList>, IWireMessage<GetRetainedLevels>
{
    public static string WireName => "retained.levels";

    public void Write(ref WireWriter writer)
    {
    }

    public static GetRetainedLevels Read(ref WireReader reader) => new();
}
