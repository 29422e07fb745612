namespace Gateway.Mqtt.Codec;

/// <summary>
/// The MQTT 5.0 properties of one packet, or of the Will in a CONNECT (§2.2.2, Table 2-4). A null member means the
/// property is absent, which the specification often distinguishes from any value (e.g. an absent Session Expiry
/// Interval is 0, an absent Maximum Packet Size is "no limit"). Packets of MQTT 3.1/3.1.1 have no properties.
/// </summary>
/// <remarks>
/// The reader rejects properties not allowed in the packet (Malformed Packet) and repeated properties other than
/// User Property and the PUBLISH Subscription Identifier (Protocol Error). The writer emits them in identifier order.
/// Binary members own their memory: the reader copies them out of the network buffer.
/// </remarks>
public sealed class MqttProperties
{
    private List<MqttUserProperty>? _userProperties;
    private List<int>? _subscriptionIdentifiers;

    /// <summary>0x01, PUBLISH and Will.</summary>
    public MqttPayloadFormatIndicator? PayloadFormatIndicator { get; set; }

    /// <summary>0x02, seconds; PUBLISH and Will.</summary>
    public uint? MessageExpiryInterval { get; set; }

    /// <summary>0x03, PUBLISH and Will.</summary>
    public string? ContentType { get; set; }

    /// <summary>0x08, a Topic Name without wildcards [MQTT-3.3.2-14]; PUBLISH and Will.</summary>
    public string? ResponseTopic { get; set; }

    /// <summary>0x09, PUBLISH and Will.</summary>
    public ReadOnlyMemory<byte>? CorrelationData { get; set; }

    /// <summary>
    /// 0x0B, Variable Byte Integers 1..268,435,455. A PUBLISH from the Server may carry several [MQTT-3.3.4-4];
    /// a SUBSCRIBE carries at most one.
    /// </summary>
    public List<int> SubscriptionIdentifiers => _subscriptionIdentifiers ??= [];

    /// <summary>0x11, seconds; CONNECT, CONNACK, DISCONNECT.</summary>
    public uint? SessionExpiryInterval { get; set; }

    /// <summary>0x12, CONNACK.</summary>
    public string? AssignedClientIdentifier { get; set; }

    /// <summary>0x13, seconds; CONNACK.</summary>
    public ushort? ServerKeepAlive { get; set; }

    /// <summary>0x15, CONNECT, CONNACK, AUTH.</summary>
    public string? AuthenticationMethod { get; set; }

    /// <summary>0x16, CONNECT, CONNACK, AUTH.</summary>
    public ReadOnlyMemory<byte>? AuthenticationData { get; set; }

    /// <summary>0x17, CONNECT.</summary>
    public bool? RequestProblemInformation { get; set; }

    /// <summary>0x18, seconds; Will.</summary>
    public uint? WillDelayInterval { get; set; }

    /// <summary>0x19, CONNECT.</summary>
    public bool? RequestResponseInformation { get; set; }

    /// <summary>0x1A, CONNACK.</summary>
    public string? ResponseInformation { get; set; }

    /// <summary>0x1C, CONNACK, DISCONNECT.</summary>
    public string? ServerReference { get; set; }

    /// <summary>0x1F, every acknowledgement, DISCONNECT and AUTH.</summary>
    public string? ReasonString { get; set; }

    /// <summary>0x21, non-zero; CONNECT, CONNACK.</summary>
    public ushort? ReceiveMaximum { get; set; }

    /// <summary>0x22, CONNECT, CONNACK.</summary>
    public ushort? TopicAliasMaximum { get; set; }

    /// <summary>0x23, non-zero [MQTT-3.3.2-8]; PUBLISH.</summary>
    public ushort? TopicAlias { get; set; }

    /// <summary>0x24, 0 or 1; CONNACK.</summary>
    public MqttQualityOfService? MaximumQoS { get; set; }

    /// <summary>0x25, CONNACK.</summary>
    public bool? RetainAvailable { get; set; }

    /// <summary>0x26, any packet with properties; ordered, duplicates allowed.</summary>
    public List<MqttUserProperty> UserProperties => _userProperties ??= [];

    /// <summary>0x27, bytes, non-zero; CONNECT, CONNACK.</summary>
    public uint? MaximumPacketSize { get; set; }

    /// <summary>0x28, CONNACK.</summary>
    public bool? WildcardSubscriptionAvailable { get; set; }

    /// <summary>0x29, CONNACK.</summary>
    public bool? SubscriptionIdentifierAvailable { get; set; }

    /// <summary>0x2A, CONNACK.</summary>
    public bool? SharedSubscriptionAvailable { get; set; }

    /// <summary>True when at least one User Property is present, without allocating the list.</summary>
    public bool HasUserProperties => _userProperties is { Count: > 0 };

    /// <summary>True when at least one Subscription Identifier is present, without allocating the list.</summary>
    public bool HasSubscriptionIdentifiers => _subscriptionIdentifiers is { Count: > 0 };
}
