namespace Gateway.Mqtt.Codec;

/// <summary>
/// Encodes an MQTT 5.0 property block (§2.2.2) in identifier order. <see cref="Measure"/> validates that every present
/// property belongs to the packet (the reader would reject it otherwise) and returns the Property Length; an absent or
/// empty block is written as Property Length 0 [MQTT-2.2.2-1].
/// </summary>
internal static class MqttPropertyWriter
{
    /// <summary>Property Length of the block (without its own Variable Byte Integer).</summary>
    public static int Measure(MqttProperties? p, MqttPacketType packet, bool inWill = false)
    {
        if (p is null)
        {
            return 0;
        }
        var size = 0;
        size += Fixed(p.PayloadFormatIndicator.HasValue, MqttPropertyId.PayloadFormatIndicator, 1, packet, inWill);
        size += Fixed(p.MessageExpiryInterval.HasValue, MqttPropertyId.MessageExpiryInterval, 4, packet, inWill);
        size += Text(p.ContentType, MqttPropertyId.ContentType, packet, inWill);
        size += Text(p.ResponseTopic, MqttPropertyId.ResponseTopic, packet, inWill);
        size += Fixed(p.CorrelationData.HasValue, MqttPropertyId.CorrelationData, MqttBufferWriter.MeasureBinary(p.CorrelationData?.Length ?? 0, "Correlation Data"), packet, inWill);
        if (p.HasSubscriptionIdentifiers)
        {
            Require(MqttPropertyId.SubscriptionIdentifier, packet, inWill);
            if (p.SubscriptionIdentifiers.Count > 1 && packet != MqttPacketType.Publish)
            {
                throw new ArgumentException("Only a PUBLISH may carry more than one Subscription Identifier.", nameof(p));
            }
            foreach (var identifier in p.SubscriptionIdentifiers)
            {
                if (identifier is < 1 or > VariableByteInteger.MaxValue)
                {
                    throw new ArgumentException("A Subscription Identifier is 1..268,435,455.", nameof(p));
                }
                size += 1 + VariableByteInteger.GetSize(identifier);
            }
        }
        size += Fixed(p.SessionExpiryInterval.HasValue, MqttPropertyId.SessionExpiryInterval, 4, packet, inWill);
        size += Text(p.AssignedClientIdentifier, MqttPropertyId.AssignedClientIdentifier, packet, inWill);
        size += Fixed(p.ServerKeepAlive.HasValue, MqttPropertyId.ServerKeepAlive, 2, packet, inWill);
        size += Text(p.AuthenticationMethod, MqttPropertyId.AuthenticationMethod, packet, inWill);
        size += Fixed(p.AuthenticationData.HasValue, MqttPropertyId.AuthenticationData, MqttBufferWriter.MeasureBinary(p.AuthenticationData?.Length ?? 0, "Authentication Data"), packet, inWill);
        size += Fixed(p.RequestProblemInformation.HasValue, MqttPropertyId.RequestProblemInformation, 1, packet, inWill);
        size += Fixed(p.WillDelayInterval.HasValue, MqttPropertyId.WillDelayInterval, 4, packet, inWill);
        size += Fixed(p.RequestResponseInformation.HasValue, MqttPropertyId.RequestResponseInformation, 1, packet, inWill);
        size += Text(p.ResponseInformation, MqttPropertyId.ResponseInformation, packet, inWill);
        size += Text(p.ServerReference, MqttPropertyId.ServerReference, packet, inWill);
        size += Text(p.ReasonString, MqttPropertyId.ReasonString, packet, inWill);
        size += Fixed(p.ReceiveMaximum.HasValue, MqttPropertyId.ReceiveMaximum, 2, packet, inWill);
        size += Fixed(p.TopicAliasMaximum.HasValue, MqttPropertyId.TopicAliasMaximum, 2, packet, inWill);
        size += Fixed(p.TopicAlias.HasValue, MqttPropertyId.TopicAlias, 2, packet, inWill);
        size += Fixed(p.MaximumQoS.HasValue, MqttPropertyId.MaximumQoS, 1, packet, inWill);
        size += Fixed(p.RetainAvailable.HasValue, MqttPropertyId.RetainAvailable, 1, packet, inWill);
        if (p.HasUserProperties)
        {
            Require(MqttPropertyId.UserProperty, packet, inWill);
            foreach (var pair in p.UserProperties)
            {
                size += 1 + 2 + MqttUtf8.GetByteCount(pair.Name, "User Property name")
                    + 2 + MqttUtf8.GetByteCount(pair.Value, "User Property value");
            }
        }
        size += Fixed(p.MaximumPacketSize.HasValue, MqttPropertyId.MaximumPacketSize, 4, packet, inWill);
        size += Fixed(p.WildcardSubscriptionAvailable.HasValue, MqttPropertyId.WildcardSubscriptionAvailable, 1, packet, inWill);
        size += Fixed(p.SubscriptionIdentifierAvailable.HasValue, MqttPropertyId.SubscriptionIdentifierAvailable, 1, packet, inWill);
        size += Fixed(p.SharedSubscriptionAvailable.HasValue, MqttPropertyId.SharedSubscriptionAvailable, 1, packet, inWill);
        return size;
    }

    /// <summary>Writes Property Length then the properties; <paramref name="length"/> comes from <see cref="Measure"/>.</summary>
    public static void Write(ref MqttBufferWriter w, MqttProperties? p, int length)
    {
        w.WriteVariableByteInteger(length);
        if (p is null || length == 0)
        {
            return;
        }
        if (p.PayloadFormatIndicator is { } payloadFormat)
        {
            Byte(ref w, MqttPropertyId.PayloadFormatIndicator, (byte)payloadFormat);
        }
        if (p.MessageExpiryInterval is { } messageExpiry)
        {
            UInt32(ref w, MqttPropertyId.MessageExpiryInterval, messageExpiry);
        }
        Text(ref w, MqttPropertyId.ContentType, p.ContentType);
        Text(ref w, MqttPropertyId.ResponseTopic, p.ResponseTopic);
        Binary(ref w, MqttPropertyId.CorrelationData, p.CorrelationData);
        if (p.HasSubscriptionIdentifiers)
        {
            foreach (var identifier in p.SubscriptionIdentifiers)
            {
                w.WriteByte((byte)MqttPropertyId.SubscriptionIdentifier);
                w.WriteVariableByteInteger(identifier);
            }
        }
        if (p.SessionExpiryInterval is { } sessionExpiry)
        {
            UInt32(ref w, MqttPropertyId.SessionExpiryInterval, sessionExpiry);
        }
        Text(ref w, MqttPropertyId.AssignedClientIdentifier, p.AssignedClientIdentifier);
        if (p.ServerKeepAlive is { } serverKeepAlive)
        {
            UInt16(ref w, MqttPropertyId.ServerKeepAlive, serverKeepAlive);
        }
        Text(ref w, MqttPropertyId.AuthenticationMethod, p.AuthenticationMethod);
        Binary(ref w, MqttPropertyId.AuthenticationData, p.AuthenticationData);
        Flag(ref w, MqttPropertyId.RequestProblemInformation, p.RequestProblemInformation);
        if (p.WillDelayInterval is { } willDelay)
        {
            UInt32(ref w, MqttPropertyId.WillDelayInterval, willDelay);
        }
        Flag(ref w, MqttPropertyId.RequestResponseInformation, p.RequestResponseInformation);
        Text(ref w, MqttPropertyId.ResponseInformation, p.ResponseInformation);
        Text(ref w, MqttPropertyId.ServerReference, p.ServerReference);
        Text(ref w, MqttPropertyId.ReasonString, p.ReasonString);
        if (p.ReceiveMaximum is { } receiveMaximum)
        {
            UInt16(ref w, MqttPropertyId.ReceiveMaximum, receiveMaximum);
        }
        if (p.TopicAliasMaximum is { } topicAliasMaximum)
        {
            UInt16(ref w, MqttPropertyId.TopicAliasMaximum, topicAliasMaximum);
        }
        if (p.TopicAlias is { } topicAlias)
        {
            UInt16(ref w, MqttPropertyId.TopicAlias, topicAlias);
        }
        if (p.MaximumQoS is { } maximumQoS)
        {
            Byte(ref w, MqttPropertyId.MaximumQoS, (byte)maximumQoS);
        }
        Flag(ref w, MqttPropertyId.RetainAvailable, p.RetainAvailable);
        if (p.HasUserProperties)
        {
            foreach (var pair in p.UserProperties)
            {
                w.WriteByte((byte)MqttPropertyId.UserProperty);
                w.WriteString(pair.Name);
                w.WriteString(pair.Value);
            }
        }
        if (p.MaximumPacketSize is { } maximumPacketSize)
        {
            UInt32(ref w, MqttPropertyId.MaximumPacketSize, maximumPacketSize);
        }
        Flag(ref w, MqttPropertyId.WildcardSubscriptionAvailable, p.WildcardSubscriptionAvailable);
        Flag(ref w, MqttPropertyId.SubscriptionIdentifierAvailable, p.SubscriptionIdentifierAvailable);
        Flag(ref w, MqttPropertyId.SharedSubscriptionAvailable, p.SharedSubscriptionAvailable);
    }

    private static int Fixed(bool present, MqttPropertyId id, int valueSize, MqttPacketType packet, bool inWill)
    {
        if (!present)
        {
            return 0;
        }
        Require(id, packet, inWill);
        return 1 + valueSize;
    }

    private static int Text(string? value, MqttPropertyId id, MqttPacketType packet, bool inWill)
    {
        if (value is null)
        {
            return 0;
        }
        Require(id, packet, inWill);
        return 1 + 2 + MqttUtf8.GetByteCount(value, id.ToString());
    }

    private static void Require(MqttPropertyId id, MqttPacketType packet, bool inWill)
    {
        if (!MqttPropertyRules.IsAllowed((int)id, packet, inWill))
        {
            throw new ArgumentException($"Property {id} is not allowed in {(inWill ? "the Will" : packet.ToString())}.", nameof(id));
        }
    }

    private static void Byte(ref MqttBufferWriter w, MqttPropertyId id, byte value)
    {
        w.WriteByte((byte)id);
        w.WriteByte(value);
    }

    private static void Flag(ref MqttBufferWriter w, MqttPropertyId id, bool? value)
    {
        if (value is { } flag)
        {
            Byte(ref w, id, flag ? (byte)1 : (byte)0);
        }
    }

    private static void UInt16(ref MqttBufferWriter w, MqttPropertyId id, ushort value)
    {
        w.WriteByte((byte)id);
        w.WriteUInt16(value);
    }

    private static void UInt32(ref MqttBufferWriter w, MqttPropertyId id, uint value)
    {
        w.WriteByte((byte)id);
        w.WriteUInt32(value);
    }

    private static void Text(ref MqttBufferWriter w, MqttPropertyId id, string? value)
    {
        if (value is not null)
        {
            w.WriteByte((byte)id);
            w.WriteString(value);
        }
    }

    private static void Binary(ref MqttBufferWriter w, MqttPropertyId id, ReadOnlyMemory<byte>? value)
    {
        if (value is { } bytes)
        {
            w.WriteByte((byte)id);
            w.WriteBinary(bytes.Span);
        }
    }
}
