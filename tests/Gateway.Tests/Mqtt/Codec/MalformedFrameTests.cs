using System.Buffers;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>
/// The malformed-frame regression corpus: each row is a frame the reader must refuse with the reason code the
/// specification prescribes. New fuzz findings are added here as rows.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MalformedFrameTests
{
    private const MqttProtocolVersion Unknown = MqttProtocolVersion.Unknown;
    private const MqttProtocolVersion V311 = MqttProtocolVersion.V311;
    private const MqttProtocolVersion V5 = MqttProtocolVersion.V500;
    private const MqttReasonCode Malformed = MqttReasonCode.MalformedPacket;
    private const MqttReasonCode ProtocolError = MqttReasonCode.ProtocolError;
    private const MqttReasonCode TopicNameInvalid = MqttReasonCode.TopicNameInvalid;
    private const MqttReasonCode Unsupported = MqttReasonCode.UnsupportedProtocolVersion;

    [Theory]
    // Fixed header
    [InlineData("remaining-length-5-bytes", V311, "30 FF FF FF FF 7F", Malformed)]
    [InlineData("remaining-length-not-minimal [MQTT-1.5.5-1]", V311, "C0 80 00", Malformed)]
    [InlineData("packet-type-0", V311, "00 00", Malformed)]
    [InlineData("auth-type-before-5.0", V311, "F0 00", Malformed)]
    [InlineData("first-packet-not-connect [MQTT-3.1.0-1]", Unknown, "C0 00", ProtocolError)]
    [InlineData("pingreq-reserved-flag [MQTT-2.1.3-1]", V311, "C1 00", Malformed)]
    [InlineData("subscribe-flags-0000 [MQTT-3.8.1-1]", V311, "80 06 00 0A 00 01 61 00", Malformed)]
    [InlineData("pubrel-flags-0000 [MQTT-3.6.1-1]", V5, "60 02 00 01", Malformed)]
    [InlineData("unsubscribe-flags-0011 [MQTT-3.10.1-1]", V311, "A3 05 00 0A 00 01 61", Malformed)]
    [InlineData("connect-flags-0001", Unknown, "11 0D 00 04 4D 51 54 54 04 02 00 3C 00 01 61", Malformed)]
    [InlineData("pingreq-with-body", V311, "C0 01 00", Malformed)]
    [InlineData("disconnect-v311-with-body", V311, "E0 01 00", Malformed)]
    // PUBLISH
    [InlineData("publish-qos-3 [MQTT-3.3.1-4]", V311, "36 07 00 03 61 2F 62 00 01", Malformed)]
    [InlineData("publish-dup-on-qos0 [MQTT-3.3.1-2]", V311, "38 05 00 03 61 2F 62", ProtocolError)]
    [InlineData("publish-topic-hash [MQTT-3.3.2-2]", V311, "30 05 00 03 61 2F 23", TopicNameInvalid)]
    [InlineData("publish-topic-plus [MQTT-3.3.2-2]", V5, "30 06 00 03 2B 2F 62 00", TopicNameInvalid)]
    [InlineData("publish-topic-invalid-utf8 [MQTT-1.5.4-1]", V311, "30 04 00 02 C3 28", Malformed)]
    [InlineData("publish-topic-encoded-surrogate [MQTT-1.5.4-1]", V311, "30 05 00 03 ED A0 80", Malformed)]
    [InlineData("publish-topic-overlong-utf8 [MQTT-1.5.4-1]", V311, "30 04 00 02 C0 AF", Malformed)]
    [InlineData("publish-topic-truncated-utf8", V311, "30 03 00 01 E6", Malformed)]
    [InlineData("publish-topic-u0000 [MQTT-1.5.4-2]", V311, "30 05 00 03 61 00 62", Malformed)]
    [InlineData("publish-topic-longer-than-packet", V311, "30 04 00 05 61 62", Malformed)]
    [InlineData("publish-topic-empty-v311 [MQTT-4.7.3-1]", V311, "30 02 00 00", ProtocolError)]
    [InlineData("publish-topic-empty-without-alias-v5", V5, "30 03 00 00 00", ProtocolError)]
    [InlineData("publish-qos1-packet-id-0 [MQTT-2.2.1-3]", V311, "32 07 00 03 61 2F 62 00 00", ProtocolError)]
    [InlineData("publish-qos1-packet-id-missing", V311, "32 05 00 03 61 2F 62", Malformed)]
    // Properties (MQTT 5.0 §2.2.2)
    [InlineData("property-duplicate", V5, "30 0E 00 01 61 0A 02 00 00 00 01 02 00 00 00 02", ProtocolError)]
    [InlineData("property-unknown-id-0x05", V5, "30 06 00 01 61 02 05 00", Malformed)]
    [InlineData("property-id-128", V5, "30 07 00 01 61 03 80 01 00", Malformed)]
    [InlineData("property-of-another-packet", V5, "30 09 00 01 61 05 11 00 00 00 0A", Malformed)]
    [InlineData("property-length-truncated", V5, "30 06 00 01 61 0A 01 01", Malformed)]
    [InlineData("property-string-truncated", V5, "30 09 00 01 61 05 03 00 05 61 62", Malformed)]
    [InlineData("property-user-property-value-truncated", V5, "30 0A 00 01 61 06 26 00 01 6B 00 05", Malformed)]
    [InlineData("property-topic-alias-0 [MQTT-3.3.2-8]", V5, "30 07 00 01 61 03 23 00 00", ProtocolError)]
    [InlineData("property-subscription-identifier-0", V5, "30 06 00 01 61 02 0B 00", ProtocolError)]
    [InlineData("property-payload-format-2", V5, "30 06 00 01 61 02 01 02", ProtocolError)]
    [InlineData("property-response-topic-wildcard [MQTT-3.3.2-14]", V5, "30 09 00 01 61 05 08 00 02 61 23", TopicNameInvalid)]
    // Acknowledgements
    [InlineData("puback-packet-id-0", V311, "40 02 00 00", ProtocolError)]
    [InlineData("puback-v311-extra-byte", V311, "40 03 00 01 00", Malformed)]
    [InlineData("puback-v5-unknown-reason [MQTT-3.4.2-1]", V5, "40 03 00 01 05", ProtocolError)]
    [InlineData("pubrel-v5-puback-reason [MQTT-3.6.2-1]", V5, "62 03 00 01 10", ProtocolError)]
    [InlineData("connack-v311-reserved-return-code", V311, "20 02 00 06", ProtocolError)]
    [InlineData("connack-v311-reserved-flags", V311, "20 02 02 00", Malformed)]
    [InlineData("connack-v5-reserved-flags [MQTT-3.2.2-1]", V5, "20 03 80 00 00", Malformed)]
    [InlineData("connack-v5-granted-qos-reason [MQTT-3.2.2-8]", V5, "20 03 00 01 00", ProtocolError)]
    [InlineData("suback-v311-reserved-code [MQTT-3.9.3-2]", V311, "90 03 00 0A 03", ProtocolError)]
    [InlineData("suback-without-codes", V311, "90 02 00 0A", ProtocolError)]
    [InlineData("unsuback-v5-without-codes", V5, "B0 03 00 0A 00", ProtocolError)]
    [InlineData("disconnect-v5-unknown-reason [MQTT-3.14.2-1]", V5, "E0 01 01", ProtocolError)]
    [InlineData("auth-reason-without-property-length", V5, "F0 01 18", Malformed)]
    [InlineData("auth-unknown-reason [MQTT-3.15.2-1]", V5, "F0 02 87 00", ProtocolError)]
    // SUBSCRIBE / UNSUBSCRIBE
    [InlineData("subscribe-no-filters-v311 [MQTT-3.8.3-3 in 3.1.1]", V311, "82 02 00 0A", ProtocolError)]
    [InlineData("subscribe-no-filters-v5 [MQTT-3.8.3-2]", V5, "82 03 00 0A 00", ProtocolError)]
    [InlineData("subscribe-packet-id-0", V311, "82 06 00 00 00 01 61 00", ProtocolError)]
    [InlineData("subscribe-missing-options-byte", V311, "82 05 00 0A 00 01 61", Malformed)]
    [InlineData("subscribe-v311-qos-3", V311, "82 06 00 0A 00 01 61 03", Malformed)]
    [InlineData("subscribe-v311-reserved-bits", V311, "82 06 00 0A 00 01 61 04", Malformed)]
    [InlineData("subscribe-v5-reserved-bits [MQTT-3.8.3-5]", V5, "82 07 00 0A 00 00 01 61 40", Malformed)]
    [InlineData("subscribe-v5-qos-3", V5, "82 07 00 0A 00 00 01 61 03", ProtocolError)]
    [InlineData("subscribe-v5-retain-handling-3", V5, "82 07 00 0A 00 00 01 61 30", ProtocolError)]
    [InlineData("subscribe-v5-no-local-on-shared [MQTT-3.8.3-4]", V5, "82 10 00 0A 00 00 0A 24 73 68 61 72 65 2F 67 2F 61 04", ProtocolError)]
    [InlineData("subscribe-v5-two-subscription-identifiers", V5, "82 0B 00 0A 04 0B 01 0B 02 00 01 61 00", ProtocolError)]
    [InlineData("unsubscribe-no-filters [MQTT-3.10.3-2]", V311, "A2 02 00 0A", ProtocolError)]
    // CONNECT
    [InlineData("connect-wrong-protocol-name [MQTT-3.1.2-1]", Unknown, "10 0D 00 04 4D 51 54 58 04 02 00 3C 00 01 61", Unsupported)]
    [InlineData("connect-long-protocol-name", Unknown, "10 10 00 07 4D 51 54 54 4D 51 54 04 02 00 3C 00 01 61", Unsupported)]
    [InlineData("connect-mqtt-name-with-level-3", Unknown, "10 0D 00 04 4D 51 54 54 03 02 00 3C 00 01 61", Unsupported)]
    [InlineData("connect-level-6 [MQTT-3.1.2-2]", Unknown, "10 0D 00 04 4D 51 54 54 06 02 00 3C 00 01 61", Unsupported)]
    [InlineData("connect-reserved-flag [MQTT-3.1.2-3]", Unknown, "10 0D 00 04 4D 51 54 54 04 03 00 3C 00 01 61", Malformed)]
    [InlineData("connect-will-qos-without-will [MQTT-3.1.2-11]", Unknown, "10 0D 00 04 4D 51 54 54 04 0A 00 3C 00 01 61", Malformed)]
    [InlineData("connect-will-retain-without-will [MQTT-3.1.2-15]", Unknown, "10 0D 00 04 4D 51 54 54 04 22 00 3C 00 01 61", Malformed)]
    [InlineData("connect-will-qos-3 [MQTT-3.1.2-14]", Unknown, "10 0D 00 04 4D 51 54 54 04 1E 00 3C 00 01 61", Malformed)]
    [InlineData("connect-password-without-user-name-v311", Unknown, "10 0D 00 04 4D 51 54 54 04 42 00 3C 00 01 61", Malformed)]
    [InlineData("connect-user-name-flag-without-user-name", Unknown, "10 0D 00 04 4D 51 54 54 04 82 00 3C 00 01 61", Malformed)]
    [InlineData("connect-trailing-byte", Unknown, "10 0E 00 04 4D 51 54 54 04 02 00 3C 00 01 61 FF", Malformed)]
    [InlineData("connect-will-topic-wildcard", Unknown, "10 12 00 04 4D 51 54 54 04 06 00 3C 00 01 61 00 01 23 00 00", TopicNameInvalid)]
    [InlineData("connect-v5-will-delay-outside-will", Unknown, "10 13 00 04 4D 51 54 54 05 02 00 3C 05 18 00 00 00 01 00 01 61", Malformed)]
    [InlineData("connect-v5-receive-maximum-0", Unknown, "10 11 00 04 4D 51 54 54 05 02 00 3C 03 21 00 00 00 01 61", ProtocolError)]
    [InlineData("connect-v5-request-problem-information-2", Unknown, "10 10 00 04 4D 51 54 54 05 02 00 3C 02 17 02 00 01 61", ProtocolError)]
    [InlineData("connect-v5-maximum-packet-size-0", Unknown, "10 13 00 04 4D 51 54 54 05 02 00 3C 05 27 00 00 00 00 00 01 61", ProtocolError)]
    public void TryRead_MalformedFrame_ThrowsWithSpecReasonCode(string frame, MqttProtocolVersion version, string hex, MqttReasonCode expected)
    {
        var bytes = Hex.Parse(hex);

        var error = Wire.ReadError(bytes, version);

        error.Should().NotBeNull($"{frame} must be refused");
        error!.ReasonCode.Should().Be(expected, $"{frame}: {error.Message}");
    }

    [Theory]
    [InlineData(V311, "30 05 00 03 61 2F 23")]
    [InlineData(V5, "30 0E 00 01 61 0A 02 00 00 00 01 02 00 00 00 02")]
    [InlineData(Unknown, "10 0D 00 04 4D 51 54 58 04 02 00 3C 00 01 61")]
    [InlineData(V311, "30 FF FF FF FF 7F")]
    public void TryRead_MalformedFrameArrivingInPieces_FailsTheSameWayOrWaits(MqttProtocolVersion version, string hex)
    {
        var bytes = Hex.Parse(hex);
        var expected = Wire.ReadError(bytes, version)!.ReasonCode;

        for (var length = 1; length < bytes.Length; length++)
        {
            var error = Wire.ReadError(bytes[..length], version);
            if (error is not null)
            {
                error.ReasonCode.Should().Be(expected, $"a {length}-byte prefix fails like the whole frame");
            }
        }
    }

    [Fact]
    public void TryRead_PacketOverMaximumPacketSize_ThrowsBeforeTheBodyArrives()
    {
        var reader = new MqttPacketReader(V5, maximumPacketSize: 100);
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("30 FF 01")); // PUBLISH announcing 255 bytes; none sent yet

        var act = () => reader.TryRead(ref buffer, out _);

        act.Should().Throw<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.PacketTooLarge);
    }

    [Fact]
    public void TryRead_PacketExactlyAtMaximumPacketSize_IsAccepted()
    {
        var bytes = Wire.Encode(new PublishPacket { TopicName = "t", Payload = new byte[93] }, V5); // 2 + 3 + 1 + 93 = 99
        var reader = new MqttPacketReader(V5, maximumPacketSize: bytes.Length);
        var buffer = new ReadOnlySequence<byte>(bytes);

        reader.TryRead(ref buffer, out var packet).Should().BeTrue();

        packet.Should().BeOfType<PublishPacket>();
    }

    [Fact]
    public void TryRead_PayloadNotUtf8WithFormatIndicator_ThrowsPayloadFormatInvalidWhenValidating()
    {
        var bytes = Hex.Parse("30 07 00 01 61 02 01 01 FF"); // Payload Format Indicator 1, payload 0xFF
        var reader = new MqttPacketReader(V5) { ValidatePayloadFormat = true };
        var buffer = new ReadOnlySequence<byte>(bytes);

        var act = () => reader.TryRead(ref buffer, out _);

        act.Should().Throw<MqttProtocolException>().Which.ReasonCode.Should().Be(MqttReasonCode.PayloadFormatInvalid);
        Wire.ReadError(bytes, V5).Should().BeNull("validation is optional (MQTT 5.0 §3.3.2.3.2) and off by default");
    }

    [Fact]
    public void TryRead_MalformedConnectAfterProtocolLevel_StillFixesTheVersionForTheAnswer()
    {
        var reader = new MqttPacketReader();
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("10 0D 00 04 4D 51 54 54 05 03 00 3C 00 01 61"));

        var act = () => reader.TryRead(ref buffer, out _);

        act.Should().Throw<MqttProtocolException>().Which.ReasonCode.Should().Be(Malformed);
        reader.ProtocolVersion.Should().Be(V5, "the CONNACK carrying 0x81 is written in the client's version");
    }

    [Fact]
    public void TryRead_BomInTopic_IsKeptNotStripped()
    {
        var packet = Wire.Decode(Hex.Parse("30 06 00 04 EF BB BF 61"), V311); // [MQTT-1.5.4-3]

        packet.Should().BeOfType<PublishPacket>().Which.TopicName.Should().Be("\uFEFFa");
    }
}
