using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Retained;

/// <summary>The first levels that hold retained messages.</summary>
public sealed class RetainedIndexState : IWireMessage<RetainedIndexState>
{
    public SortedSet<string> Levels { get; set; } = new(StringComparer.Ordinal);

    public static string WireName => "retained.index-state";

    public void Write(ref WireWriter writer) => StringList.WriteItems(ref writer, [.. Levels]);

    public static RetainedIndexState Read(ref WireReader reader) =>
        new() { Levels = new SortedSet<string>(StringList.ReadItems(ref reader), StringComparer.Ordinal) };
}
