namespace Gateway.Mqtt.Codec;

/// <summary>PUBREC – Publish received (QoS 2 delivery part 1) (MQTT 5.0 §3.5; MQTT 3.1.1 §3.5).</summary>
public sealed class PubRecPacket : PublishAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubRec;
}
