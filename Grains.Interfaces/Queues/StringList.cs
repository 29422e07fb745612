using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>A reply carrying a list of strings.</summary>
public sealed record StringList(IReadOnlyList<string> Items) : IWireMessage<StringList>
{
    public static string WireName => "queue.string-list";

    public void Write(ref WireWriter writer) => WriteItems(ref writer, Items);

    public static StringList Read(ref WireReader reader) => new(ReadItems(ref reader));

    public static void WriteItems(ref WireWriter writer, IReadOnlyList<string> items)
    {
        writer.WriteVarUInt64((ulong)items.Count);
        foreach (var item in items)
        {
            writer.WriteString(item);
        }
    }

    public static string[] ReadItems(ref WireReader reader)
    {
        var count = (int)Math.Min(reader.ReadVarUInt64(), 1_000_000);
        var items = new string[count];
        for (var i = 0; i < count; i++)
        {
            items[i] = reader.ReadString();
        }
        return items;
    }
}
