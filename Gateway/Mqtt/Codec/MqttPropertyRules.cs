namespace Gateway.Mqtt.Codec;

/// <summary>
/// Which packet may carry which property (MQTT 5.0 §2.2.2.2, Table 2-4, and each packet's property section).
/// A property in the wrong packet is a Malformed Packet (§2.2.2.2); a property given twice is a Protocol Error,
/// stated property by property ("It is a Protocol Error to include ... more than once"), except User Property and
/// the PUBLISH Subscription Identifier [MQTT-3.3.4-4].
/// </summary>
internal static class MqttPropertyRules
{
    /// <summary>Bit 0 of a mask stands for the Will Properties of CONNECT (packet type 0 is reserved).</summary>
    private const int Will = 1 << 0;

    private const int Connect = 1 << (int)MqttPacketType.Connect;
    private const int ConnAck = 1 << (int)MqttPacketType.ConnAck;
    private const int Publish = 1 << (int)MqttPacketType.Publish;
    private const int PubAck = 1 << (int)MqttPacketType.PubAck;
    private const int PubRec = 1 << (int)MqttPacketType.PubRec;
    private const int PubRel = 1 << (int)MqttPacketType.PubRel;
    private const int PubComp = 1 << (int)MqttPacketType.PubComp;
    private const int Subscribe = 1 << (int)MqttPacketType.Subscribe;
    private const int SubAck = 1 << (int)MqttPacketType.SubAck;
    private const int Unsubscribe = 1 << (int)MqttPacketType.Unsubscribe;
    private const int UnsubAck = 1 << (int)MqttPacketType.UnsubAck;
    private const int Disconnect = 1 << (int)MqttPacketType.Disconnect;
    private const int Auth = 1 << (int)MqttPacketType.Auth;

    private const int Message = Publish | Will;
    private const int Acknowledgements = PubAck | PubRec | PubRel | PubComp | SubAck | UnsubAck;
    private const int Everything = Will | Connect | ConnAck | Publish | Acknowledgements | Subscribe | Unsubscribe
        | Disconnect | Auth;

    /// <summary>Allowed packets per identifier (index = identifier, 0 = not a property).</summary>
    private static ReadOnlySpan<int> AllowedIn =>
    [
        0,
        Message, // 0x01 Payload Format Indicator
        Message, // 0x02 Message Expiry Interval
        Message, // 0x03 Content Type
        0, 0, 0, 0,
        Message, // 0x08 Response Topic
        Message, // 0x09 Correlation Data
        0,
        Publish | Subscribe, // 0x0B Subscription Identifier
        0, 0, 0, 0, 0,
        Connect | ConnAck | Disconnect, // 0x11 Session Expiry Interval
        ConnAck, // 0x12 Assigned Client Identifier
        ConnAck, // 0x13 Server Keep Alive
        0,
        Connect | ConnAck | Auth, // 0x15 Authentication Method
        Connect | ConnAck | Auth, // 0x16 Authentication Data
        Connect, // 0x17 Request Problem Information
        Will, // 0x18 Will Delay Interval
        Connect, // 0x19 Request Response Information
        ConnAck, // 0x1A Response Information
        0,
        ConnAck | Disconnect, // 0x1C Server Reference
        0, 0,
        ConnAck | Acknowledgements | Disconnect | Auth, // 0x1F Reason String
        0,
        Connect | ConnAck, // 0x21 Receive Maximum
        Connect | ConnAck, // 0x22 Topic Alias Maximum
        Publish, // 0x23 Topic Alias
        ConnAck, // 0x24 Maximum QoS
        ConnAck, // 0x25 Retain Available
        Everything, // 0x26 User Property
        Connect | ConnAck, // 0x27 Maximum Packet Size
        ConnAck, // 0x28 Wildcard Subscription Available
        ConnAck, // 0x29 Subscription Identifier Available
        ConnAck, // 0x2A Shared Subscription Available
    ];

    /// <summary>True when <paramref name="id"/> is a property of <paramref name="packet"/> (or of its Will).</summary>
    public static bool IsAllowed(int id, MqttPacketType packet, bool inWill)
    {
        var allowed = AllowedIn;
        if ((uint)id >= (uint)allowed.Length)
        {
            return false;
        }
        var bit = inWill ? Will : 1 << (int)packet;
        return (allowed[id] & bit) != 0;
    }

    /// <summary>True when the property may appear more than once in <paramref name="packet"/>.</summary>
    public static bool IsRepeatable(MqttPropertyId id, MqttPacketType packet) =>
        id == MqttPropertyId.UserProperty
        || (id == MqttPropertyId.SubscriptionIdentifier && packet == MqttPacketType.Publish);
}
