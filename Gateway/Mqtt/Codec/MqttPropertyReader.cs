using System.Globalization;

namespace Gateway.Mqtt.Codec;

/// <summary>
/// Decodes an MQTT 5.0 property block (§2.2.2):
/// <code>
/// +-----------------------------------------------+
/// | Property Length (Variable Byte Integer)       |
/// +-----------------------------------------------+
/// | Identifier (VBI) | Value (type per identifier) |  ... repeated until Property Length is used up
/// +-----------------------------------------------+
/// </code>
/// </summary>
internal static class MqttPropertyReader
{
    /// <summary>
    /// Reads the block at the reader's position; null when the Property Length is 0 [MQTT-2.2.2-1].
    /// <paramref name="inWill"/> selects the Will Properties of CONNECT (§3.1.3.2).
    /// </summary>
    public static MqttProperties? Read(ref MqttBufferReader reader, MqttPacketType packet, bool inWill = false)
    {
        var length = reader.ReadVariableByteInteger();
        if (length == 0)
        {
            return null;
        }
        // Property Length beyond the Remaining Length is a Malformed Packet (ReadSlice checks it).
        var block = reader.ReadSlice(length);
        var properties = new MqttProperties();
        ulong seen = 0;
        while (!block.End)
        {
            var id = block.ReadVariableByteInteger();
            if (!MqttPropertyRules.IsAllowed(id, packet, inWill))
            {
                // §2.2.2.2: an Identifier not valid for its packet type is a Malformed Packet.
                MqttThrow.Malformed(string.Create(CultureInfo.InvariantCulture,
                    $"Property identifier 0x{id:X2} is not valid in {(inWill ? "the Will Properties" : packet.ToString())}."));
            }
            var property = (MqttPropertyId)id;
            var bit = 1UL << id;
            if ((seen & bit) != 0 && !MqttPropertyRules.IsRepeatable(property, packet))
            {
                MqttThrow.ProtocolError($"Property {property} is included more than once.");
            }
            seen |= bit;
            ReadValue(ref block, property, properties);
        }
        return properties;
    }

    private static void ReadValue(ref MqttBufferReader block, MqttPropertyId property, MqttProperties p)
    {
        switch (property)
        {
            case MqttPropertyId.PayloadFormatIndicator:
                p.PayloadFormatIndicator = (MqttPayloadFormatIndicator)ReadFlag(ref block, property);
                break;
            case MqttPropertyId.MessageExpiryInterval:
                p.MessageExpiryInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.ContentType:
                p.ContentType = block.ReadString(); // [MQTT-3.3.2-19]
                break;
            case MqttPropertyId.ResponseTopic:
                p.ResponseTopic = block.ReadTopicName(); // [MQTT-3.3.2-13] [MQTT-3.3.2-14]
                break;
            case MqttPropertyId.CorrelationData:
                p.CorrelationData = block.ReadBinary();
                break;
            case MqttPropertyId.SubscriptionIdentifier:
                var subscriptionIdentifier = block.ReadVariableByteInteger();
                if (subscriptionIdentifier == 0)
                {
                    // §3.8.2.1.2: "It is a Protocol Error if the Subscription Identifier has a value of 0."
                    MqttThrow.ProtocolError("Subscription Identifier 0.");
                }
                p.SubscriptionIdentifiers.Add(subscriptionIdentifier);
                break;
            case MqttPropertyId.SessionExpiryInterval:
                p.SessionExpiryInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.AssignedClientIdentifier:
                p.AssignedClientIdentifier = block.ReadString();
                break;
            case MqttPropertyId.ServerKeepAlive:
                p.ServerKeepAlive = block.ReadUInt16();
                break;
            case MqttPropertyId.AuthenticationMethod:
                p.AuthenticationMethod = block.ReadString();
                break;
            case MqttPropertyId.AuthenticationData:
                p.AuthenticationData = block.ReadBinary();
                break;
            case MqttPropertyId.RequestProblemInformation:
                p.RequestProblemInformation = ReadFlag(ref block, property) == 1;
                break;
            case MqttPropertyId.WillDelayInterval:
                p.WillDelayInterval = block.ReadUInt32();
                break;
            case MqttPropertyId.RequestResponseInformation:
                p.RequestResponseInformation = ReadFlag(ref block, property) == 1;
                break;
            case MqttPropertyId.ResponseInformation:
                p.ResponseInformation = block.ReadString();
                break;
            case MqttPropertyId.ServerReference:
                p.ServerReference = block.ReadString();
                break;
            case MqttPropertyId.ReasonString:
                p.ReasonString = block.ReadString();
                break;
            case MqttPropertyId.ReceiveMaximum:
                // §3.1.2.11.3/§3.2.2.3.3: "It is a Protocol Error to include ... the value 0."
                p.ReceiveMaximum = ReadNonZeroUInt16(ref block, property);
                break;
            case MqttPropertyId.TopicAliasMaximum:
                p.TopicAliasMaximum = block.ReadUInt16();
                break;
            case MqttPropertyId.TopicAlias:
                // [MQTT-3.3.2-8]: a Topic Alias of 0 is not permitted.
                p.TopicAlias = ReadNonZeroUInt16(ref block, property);
                break;
            case MqttPropertyId.MaximumQoS:
                p.MaximumQoS = (MqttQualityOfService)ReadFlag(ref block, property);
                break;
            case MqttPropertyId.RetainAvailable:
                p.RetainAvailable = ReadFlag(ref block, property) == 1;
                break;
            case MqttPropertyId.UserProperty:
                // [MQTT-1.5.7-1]: both strings of the pair are UTF-8 Encoded Strings.
                var name = block.ReadString();
                p.UserProperties.Add(new MqttUserProperty(name, block.ReadString()));
                break;
            case MqttPropertyId.MaximumPacketSize:
                var maximumPacketSize = block.ReadUInt32();
                if (maximumPacketSize == 0)
                {
                    // §3.1.2.11.4: "It is a Protocol Error ... for the value to be set to zero."
                    MqttThrow.ProtocolError("Maximum Packet Size 0.");
                }
                p.MaximumPacketSize = maximumPacketSize;
                break;
            case MqttPropertyId.WildcardSubscriptionAvailable:
                p.WildcardSubscriptionAvailable = ReadFlag(ref block, property) == 1;
                break;
            case MqttPropertyId.SubscriptionIdentifierAvailable:
                p.SubscriptionIdentifierAvailable = ReadFlag(ref block, property) == 1;
                break;
            case MqttPropertyId.SharedSubscriptionAvailable:
                p.SharedSubscriptionAvailable = ReadFlag(ref block, property) == 1;
                break;
            default:
                // Unreachable: IsAllowed admits only the identifiers above.
                MqttThrow.Malformed("Unknown property identifier.");
                break;
        }
    }

    /// <summary>A Byte property whose only values are 0 and 1: anything else is a Protocol Error (§3.1.2.11, §3.2.2.3).</summary>
    private static byte ReadFlag(ref MqttBufferReader block, MqttPropertyId property)
    {
        var value = block.ReadByte();
        if (value > 1)
        {
            MqttThrow.ProtocolError($"Property {property} must be 0 or 1.");
        }
        return value;
    }

    private static ushort ReadNonZeroUInt16(ref MqttBufferReader block, MqttPropertyId property)
    {
        var value = block.ReadUInt16();
        if (value == 0)
        {
            MqttThrow.ProtocolError($"Property {property} must not be 0.");
        }
        return value;
    }
}
