using Gateway.Amqp.Framing;

namespace Gateway.Amqp.Session;

/// <summary>
/// A frame queued for the writer: a protocol header, an empty (heartbeat) frame, or a performative with its payload. A
/// transfer whose message exceeds the peer's max-frame-size is split by the writer into <c>more</c> frames.
/// </summary>
internal readonly record struct OutgoingFrame(ushort Channel, Performative? Performative, ReadOnlyMemory<byte> Payload, ProtocolHeader? Header = null)
{
    public static OutgoingFrame Heartbeat => new(0, null, default);

    public static OutgoingFrame ForHeader(ProtocolHeader header) => new(0, null, default, header);
}
