namespace Gateway.Mqtt.Codec;

/// <summary>
/// MQTT Control Packet type: bits 7-4 of the first byte of the fixed header
/// (MQTT 5.0 §2.1.2, Table 2-1; MQTT 3.1.1 §2.2.1, Table 2.1).
/// </summary>
/// <remarks>Value 0 is reserved and forbidden in every version; 15 (AUTH) exists only in MQTT 5.0.</remarks>
public enum MqttPacketType : byte
{
    /// <summary>Client request to connect to the Server.</summary>
    Connect = 1,

    /// <summary>Connect acknowledgement.</summary>
    ConnAck = 2,

    /// <summary>Publish message.</summary>
    Publish = 3,

    /// <summary>Publish acknowledgement (QoS 1).</summary>
    PubAck = 4,

    /// <summary>Publish received (QoS 2 delivery part 1).</summary>
    PubRec = 5,

    /// <summary>Publish release (QoS 2 delivery part 2).</summary>
    PubRel = 6,

    /// <summary>Publish complete (QoS 2 delivery part 3).</summary>
    PubComp = 7,

    /// <summary>Subscribe request.</summary>
    Subscribe = 8,

    /// <summary>Subscribe acknowledgement.</summary>
    SubAck = 9,

    /// <summary>Unsubscribe request.</summary>
    Unsubscribe = 10,

    /// <summary>Unsubscribe acknowledgement.</summary>
    UnsubAck = 11,

    /// <summary>PING request.</summary>
    PingReq = 12,

    /// <summary>PING response.</summary>
    PingResp = 13,

    /// <summary>Disconnect notification.</summary>
    Disconnect = 14,

    /// <summary>Authentication exchange (MQTT 5.0 only).</summary>
    Auth = 15,
}
