namespace Gateway.Mqtt.Codec;

/// <summary>PUBREL – Publish release (QoS 2 delivery part 2) (MQTT 5.0 §3.6; MQTT 3.1.1 §3.6).</summary>
public sealed class PubRelPacket : PublishAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubRel;
}
