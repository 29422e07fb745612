namespace Gateway.Amqp.Framing;

/// <summary>The protocol id, byte 4 of the protocol header (Part 2 §2.2, Part 5 §5.2.1, §5.3.1).</summary>
public enum ProtocolId : byte
{
    /// <summary>"AMQP" 0 1 0 0: AMQP frames follow.</summary>
    Amqp = 0,

    /// <summary>"AMQP" 2 1 0 0: a TLS handshake follows (not supported here: TLS ends before the gateway).</summary>
    Tls = 2,

    /// <summary>"AMQP" 3 1 0 0: SASL frames follow.</summary>
    Sasl = 3,
}
