namespace Gateway.Amqp.Framing;

/// <summary>Byte 5 of the frame header (Part 2 §2.3.1).</summary>
public enum FrameType : byte
{
    /// <summary>0x00: an AMQP frame; bytes 6-7 are the channel.</summary>
    Amqp = 0x00,

    /// <summary>0x01: a SASL frame (Part 5 §5.3.1); bytes 6-7 are ignored.</summary>
    Sasl = 0x01,
}
