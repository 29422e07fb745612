using Grains.Interfaces.Queues;
using Runtime.Serialization;

namespace Grains.Queues;

/// <summary>A queue's durable state besides its messages: whether it exists and its settings.</summary>
public sealed class QueueState : IWireMessage<QueueState>
{
    public bool Exists { get; set; }

    public QueueSettings Settings { get; set; } = QueueSettings.Default;

    public static string WireName => "queue.state";

    public void Write(ref WireWriter writer)
    {
        writer.WriteBool(Exists);
        Settings.Write(ref writer);
    }

    public static QueueState Read(ref WireReader reader) => new() { Exists = reader.ReadBool(), Settings = QueueSettings.Read(ref reader) };
}
