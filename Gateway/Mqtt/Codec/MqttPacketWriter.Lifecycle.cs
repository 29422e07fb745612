using System.Buffers;

namespace Gateway.Mqtt.Codec;

public static partial class MqttPacketWriter
{
    /// <summary>
    /// DISCONNECT: empty under 3.1.1. MQTT 5.0 §3.14.2.1: "If the Remaining Length is less than 1 the value of 0x00
    /// (Normal disconnection) is used"; §3.14.2.2: below 2 there is no Property Length.
    /// </summary>
    private static void WriteDisconnect(DisconnectPacket packet, IBufferWriter<byte> output, bool v5)
    {
        var propertiesLength = v5 ? MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Disconnect) : 0;
        var withReasonCode = v5 && (packet.ReasonCode != MqttReasonCode.NormalDisconnection || propertiesLength > 0);
        var remaining = (withReasonCode ? 1 : 0) + (propertiesLength > 0 ? BlockSize(propertiesLength) : 0);

        var w = Begin(output, MqttPacketType.Disconnect, 0, remaining);
        if (withReasonCode)
        {
            w.WriteByte((byte)packet.ReasonCode);
        }
        if (propertiesLength > 0)
        {
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        w.Flush();
    }

    /// <summary>
    /// AUTH (MQTT 5.0 §3.15.2): Reason Code and Property Length are omitted together when the Reason Code is 0x00 and
    /// there are no properties, and otherwise both written.
    /// </summary>
    private static void WriteAuth(AuthPacket packet, IBufferWriter<byte> output)
    {
        var propertiesLength = MqttPropertyWriter.Measure(packet.Properties, MqttPacketType.Auth);
        var empty = packet.ReasonCode == MqttReasonCode.Success && propertiesLength == 0;
        var w = Begin(output, MqttPacketType.Auth, 0, empty ? 0 : 1 + BlockSize(propertiesLength));
        if (!empty)
        {
            w.WriteByte((byte)packet.ReasonCode);
            MqttPropertyWriter.Write(ref w, packet.Properties, propertiesLength);
        }
        w.Flush();
    }
}
