namespace Gateway.Mqtt.Codec;

/// <summary>
/// The Reason Codes each MQTT 5.0 packet may carry (§2.4 Table 2-6 "Packets" column, restated per packet). The sender
/// MUST use one of them ([MQTT-3.2.2-8], [MQTT-3.4.2-1], [MQTT-3.5.2-1], [MQTT-3.6.2-1], [MQTT-3.7.2-1],
/// [MQTT-3.9.3-2], [MQTT-3.11.3-2], [MQTT-3.14.2-1], [MQTT-3.15.2-1]); receiving another one parses fine but is not
/// allowed, which §1.2 defines as a Protocol Error.
/// </summary>
internal static class MqttReasonCodeRules
{
    private static ReadOnlySpan<byte> ConnAck =>
        [0x00, 0x80, 0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x8A, 0x8C, 0x90, 0x95, 0x97, 0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9F];

    private static ReadOnlySpan<byte> PubAckOrPubRec => [0x00, 0x10, 0x80, 0x83, 0x87, 0x90, 0x91, 0x97, 0x99];

    private static ReadOnlySpan<byte> PubRelOrPubComp => [0x00, 0x92];

    private static ReadOnlySpan<byte> SubAck => [0x00, 0x01, 0x02, 0x80, 0x83, 0x87, 0x8F, 0x91, 0x97, 0x9E, 0xA1, 0xA2];

    private static ReadOnlySpan<byte> UnsubAck => [0x00, 0x11, 0x80, 0x83, 0x87, 0x8F, 0x91];

    private static ReadOnlySpan<byte> Disconnect =>
    [
        0x00, 0x04, 0x80, 0x81, 0x82, 0x83, 0x87, 0x89, 0x8B, 0x8D, 0x8E, 0x8F, 0x90, 0x93, 0x94, 0x95, 0x96, 0x97, 0x98,
        0x99, 0x9A, 0x9B, 0x9C, 0x9D, 0x9E, 0x9F, 0xA0, 0xA1, 0xA2,
    ];

    private static ReadOnlySpan<byte> Auth => [0x00, 0x18, 0x19];

    /// <summary>MQTT 3.1.1 SUBACK return codes (3.1.1 §3.9.3, [MQTT-3.9.3-2] there).</summary>
    private static ReadOnlySpan<byte> SubAckV3 => [0x00, 0x01, 0x02, 0x80];

    public static bool IsAllowed(MqttPacketType packet, MqttReasonCode code) => packet switch
    {
        MqttPacketType.ConnAck => ConnAck.Contains((byte)code),
        MqttPacketType.PubAck or MqttPacketType.PubRec => PubAckOrPubRec.Contains((byte)code),
        MqttPacketType.PubRel or MqttPacketType.PubComp => PubRelOrPubComp.Contains((byte)code),
        MqttPacketType.SubAck => SubAck.Contains((byte)code),
        MqttPacketType.UnsubAck => UnsubAck.Contains((byte)code),
        MqttPacketType.Disconnect => Disconnect.Contains((byte)code),
        MqttPacketType.Auth => Auth.Contains((byte)code),
        _ => false,
    };

    public static bool IsAllowedV3SubAck(byte returnCode) => SubAckV3.Contains(returnCode);

    /// <summary>Reads a Reason Code and rejects one the packet may not carry (Protocol Error).</summary>
    public static MqttReasonCode Read(ref MqttBufferReader reader, MqttPacketType packet)
    {
        var code = (MqttReasonCode)reader.ReadByte();
        if (!IsAllowed(packet, code))
        {
            MqttThrow.ProtocolError($"Reason Code 0x{(byte)code:X2} is not a {packet} Reason Code.");
        }
        return code;
    }
}
