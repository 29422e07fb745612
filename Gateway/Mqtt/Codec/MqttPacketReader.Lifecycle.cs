namespace Gateway.Mqtt.Codec;

public sealed partial class MqttPacketReader
{
    /// <summary>PINGREQ / PINGRESP (MQTT 5.0 §3.12, §3.13): no variable header and no payload.</summary>
    private static MqttPacket ReadEmpty(MqttPacket instance, ref MqttBufferReader reader)
    {
        _ = reader;
        return instance; // Decode rejects any body byte as left over.
    }

    /// <summary>
    /// DISCONNECT (MQTT 5.0 §3.14; 3.1.1 §3.14 has no variable header):
    /// <code>
    /// | Reason Code (absent when Remaining Length is 0 → 0x00) | Properties (absent when Remaining Length &lt; 2) |
    /// </code>
    /// </summary>
    private DisconnectPacket ReadDisconnect(ref MqttBufferReader reader)
    {
        var packet = new DisconnectPacket();
        if (IsV5 && !reader.End)
        {
            packet.ReasonCode = MqttReasonCodeRules.Read(ref reader, MqttPacketType.Disconnect); // [MQTT-3.14.2-1]
            if (!reader.End)
            {
                packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Disconnect);
            }
        }
        return packet;
    }

    /// <summary>
    /// AUTH (MQTT 5.0 §3.15): Reason Code then Properties; both are omitted together when the Reason Code is 0x00 and
    /// there are no properties (Remaining Length 0). A lone Reason Code without Property Length is malformed.
    /// <code>
    /// | Authenticate Reason Code | Properties |
    /// </code>
    /// </summary>
    private static AuthPacket ReadAuth(ref MqttBufferReader reader)
    {
        var packet = new AuthPacket();
        if (reader.End)
        {
            return packet;
        }
        packet.ReasonCode = MqttReasonCodeRules.Read(ref reader, MqttPacketType.Auth); // [MQTT-3.15.2-1]
        if (reader.End)
        {
            MqttThrow.Malformed("AUTH has a Reason Code but no Property Length.");
        }
        packet.Properties = MqttPropertyReader.Read(ref reader, MqttPacketType.Auth);
        return packet;
    }
}
