namespace Grains.Interfaces.Sessions;

/// <summary>An outbound QoS 2 delivery the client acknowledged with PUBREC: the broker owes PUBREL (packet id), and settles
/// the queue's delivery (tag) at PUBCOMP.</summary>
public readonly record struct PendingRelease(long Tag, ushort PacketId, string Queue);
