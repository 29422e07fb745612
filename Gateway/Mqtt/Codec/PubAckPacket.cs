namespace Gateway.Mqtt.Codec;

/// <summary>PUBACK – Publish acknowledgement (QoS 1) (MQTT 5.0 §3.4; MQTT 3.1.1 §3.4).</summary>
public sealed class PubAckPacket : PublishAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubAck;
}
