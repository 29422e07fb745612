using Runtime.Core;
using Runtime.Serialization;

namespace Grains.Interfaces.Queues;

/// <summary>Creates the queue with <paramref name="Settings"/>, or changes the settings of an existing one. Replies with its stats.</summary>
public sealed record DeclareQueue(QueueSettings Settings) : IGrainRequest<QueueStats>, IWireMessage<DeclareQueue>
{
    public static string WireName => "queue.declare";

    public void Write(ref WireWriter writer) => Settings.Write(ref writer);

    public static DeclareQueue Read(ref WireReader reader) => new(QueueSettings.Read(ref reader));
}
