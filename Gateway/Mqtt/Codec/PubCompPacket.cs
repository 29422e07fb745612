namespace Gateway.Mqtt.Codec;

/// <summary>PUBCOMP – Publish complete (QoS 2 delivery part 3) (MQTT 5.0 §3.7; MQTT 3.1.1 §3.7).</summary>
public sealed class PubCompPacket : PublishAcknowledgementPacket
{
    public override MqttPacketType Type => MqttPacketType.PubComp;
}
