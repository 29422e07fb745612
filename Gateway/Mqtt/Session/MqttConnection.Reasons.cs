using System.Buffers;
using Gateway.Mqtt.Codec;

namespace Gateway.Mqtt.Session;

internal sealed partial class MqttConnection
{
    /// <summary>The Reason String <paramref name="why"/> on a CONNACK or DISCONNECT of a v5 connection, unless it would
    /// take the packet over the client's Maximum Packet Size [MQTT-3.2.2-19] [MQTT-3.14.2-3].</summary>
    private MqttProperties? ReasonStringFor(MqttPacket packet, string? why)
    {
        if (_version != MqttProtocolVersion.V500 || string.IsNullOrEmpty(why))
        {
            return null;
        }
        var properties = new MqttProperties { ReasonString = why.Length <= 512 ? why : why[..512] };
        var sizing = packet switch
        {
            ConnAckPacket connAck => new ConnAckPacket { ReasonCode = connAck.ReasonCode, Properties = properties },
            DisconnectPacket disconnect => (MqttPacket)new DisconnectPacket { ReasonCode = disconnect.ReasonCode, Properties = properties },
            _ => throw new ArgumentException("a Reason String goes on CONNACK or DISCONNECT here", nameof(packet)),
        };
        var bytes = new ArrayBufferWriter<byte>(64 + properties.ReasonString.Length);
        MqttPacketWriter.Write(sizing, bytes, MqttProtocolVersion.V500);
        return bytes.WrittenCount <= _clientMaximumPacketSize ? properties : null;
    }
}
