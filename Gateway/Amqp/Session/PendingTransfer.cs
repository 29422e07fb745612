using Gateway.Amqp.Framing;

namespace Gateway.Amqp.Session;

/// <summary>A delivery ready to go out but held until the session's remote incoming window opens again.</summary>
internal sealed record PendingTransfer(Transfer Transfer, ReadOnlyMemory<byte> Message, int Frames);
