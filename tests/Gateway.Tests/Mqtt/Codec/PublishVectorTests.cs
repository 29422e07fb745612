using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>PUBLISH and its acknowledgements as bytes (MQTT 3.1.1 §3.3-§3.7, MQTT 5.0 §3.3-§3.7).</summary>
[Trait("Category", "Unit")]
public sealed class PublishVectorTests
{
    [Fact]
    public void Vector_PublishV311QoS0_MatchesSpecBytes() => Vector.AssertBothWays(
        "30 07 00 03 61 2F 62 68 69", // Topic "a/b", payload "hi", no Packet Identifier at QoS 0
        new PublishPacket { TopicName = "a/b", Payload = "hi"u8.ToArray() },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_PublishV311QoS1Retain_MatchesSpecBytes() => Vector.AssertBothWays(
        "33 09 00 03 61 2F 62 00 0A 68 69", // QoS 1 | RETAIN, Packet Identifier 10
        new PublishPacket
        {
            TopicName = "a/b",
            Payload = "hi"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            Retain = true,
            PacketIdentifier = 10,
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_PublishV311QoS2Dup_MatchesSpecBytes() => Vector.AssertBothWays(
        "3C 09 00 03 61 2F 62 12 34 68 69", // DUP | QoS 2, Packet Identifier 0x1234
        new PublishPacket
        {
            TopicName = "a/b",
            Payload = "hi"u8.ToArray(),
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            Dup = true,
            PacketIdentifier = 0x1234,
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_PublishV5QoS0WithoutProperties_HasPropertyLengthZero() => Vector.AssertBothWays(
        "30 08 00 03 61 2F 62 00 68 69", // [MQTT-2.2.2-1]: no properties is Property Length 0
        new PublishPacket { TopicName = "a/b", Payload = "hi"u8.ToArray() },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_PublishV5QoS1WithProperties_MatchesSpecBytes() => Vector.AssertBothWays(
        "32 1F 00 03 61 2F 62 00 01" +
        " 15" + // Property Length 21
        " 01 01" + // Payload Format Indicator: UTF-8
        " 02 00 00 00 3C" + // Message Expiry Interval 60
        " 03 00 04 74 65 78 74" + // Content Type "text"
        " 26 00 01 6B 00 01 76" + // User Property ("k", "v")
        " 68 69",
        new PublishPacket
        {
            TopicName = "a/b",
            Payload = "hi"u8.ToArray(),
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketIdentifier = 1,
            Properties = new MqttProperties
            {
                PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                MessageExpiryInterval = 60,
                ContentType = "text",
                UserProperties = { new("k", "v") },
            },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_PublishV5QoS2WithTopicAliasAndSubscriptionIdentifiers_MatchesSpecBytes() => Vector.AssertBothWays(
        "34 0E 00 00 00 07" + // empty Topic Name, Packet Identifier 7
        " 08" + // Property Length 8
        " 0B 01 0B 80 01" + // Subscription Identifiers 1 and 128 (Variable Byte Integers)
        " 23 00 05" + // Topic Alias 5
        " 78",
        new PublishPacket
        {
            TopicName = string.Empty,
            Payload = "x"u8.ToArray(),
            QualityOfService = MqttQualityOfService.ExactlyOnce,
            PacketIdentifier = 7,
            Properties = new MqttProperties { SubscriptionIdentifiers = { 1, 128 }, TopicAlias = 5 },
        },
        MqttProtocolVersion.V500);

    [Theory]
    [InlineData(MqttProtocolVersion.V311, "40 02 00 0A")]
    [InlineData(MqttProtocolVersion.V500, "40 02 00 0A")] // Success, no properties: Reason Code omitted (§3.4.2)
    public void Vector_PubAck_MatchesSpecBytes(MqttProtocolVersion version, string hex) =>
        Vector.AssertBothWays(hex, new PubAckPacket { PacketIdentifier = 10 }, version);

    [Fact]
    public void Vector_PubAckV5WithReasonCodeOnly_OmitsPropertyLength() => Vector.AssertBothWays(
        "40 03 00 0A 10", // No matching subscribers; Remaining Length 3 so no Property Length
        new PubAckPacket { PacketIdentifier = 10, ReasonCode = MqttReasonCode.NoMatchingSubscribers },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_PubRecV5WithReasonString_MatchesSpecBytes() => Vector.AssertBothWays(
        "50 0A 00 0B 97 06 1F 00 03 62 61 64", // Quota exceeded, Reason String "bad"
        new PubRecPacket
        {
            PacketIdentifier = 11,
            ReasonCode = MqttReasonCode.QuotaExceeded,
            Properties = new MqttProperties { ReasonString = "bad" },
        },
        MqttProtocolVersion.V500);

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Vector_PubRel_HasFlags0010(MqttProtocolVersion version) =>
        Vector.AssertBothWays("62 02 00 0C", new PubRelPacket { PacketIdentifier = 12 }, version); // [MQTT-3.6.1-1]

    [Fact]
    public void Vector_PubCompV311_MatchesSpecBytes() =>
        Vector.AssertBothWays("70 02 00 0D", new PubCompPacket { PacketIdentifier = 13 }, MqttProtocolVersion.V311);

    [Fact]
    public void Read_PubAckV5WithReasonCodeAndEmptyProperties_Decodes()
    {
        var packet = Wire.Decode(Hex.Parse("40 04 00 0A 10 00"), MqttProtocolVersion.V500);

        packet.Should().BeOfType<PubAckPacket>().Which.ReasonCode.Should().Be(MqttReasonCode.NoMatchingSubscribers);
    }

    [Fact]
    public void Write_PubAckV311WithFailureReason_DropsTheReasonCode() =>
        Hex.Format(Wire.Encode(new PubAckPacket { PacketIdentifier = 1, ReasonCode = MqttReasonCode.QuotaExceeded }, MqttProtocolVersion.V311))
            .Should().Be("40 02 00 01");
}
