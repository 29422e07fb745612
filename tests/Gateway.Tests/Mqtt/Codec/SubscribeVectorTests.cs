using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK as bytes (MQTT 3.1.1 §3.8-§3.11, MQTT 5.0 §3.8-§3.11).</summary>
[Trait("Category", "Unit")]
public sealed class SubscribeVectorTests
{
    [Fact]
    public void Vector_SubscribeV311TwoFilters_MatchesSpecBytes() => Vector.AssertBothWays(
        "82 0E 00 0A" + // SUBSCRIBE (flags 0010), Packet Identifier 10
        " 00 03 61 2F 62 01" + // "a/b", Requested QoS 1
        " 00 03 63 2F 64 02", // "c/d", Requested QoS 2
        new SubscribePacket
        {
            PacketIdentifier = 10,
            Subscriptions =
            {
                new MqttSubscription("a/b", new MqttSubscriptionOptions(MqttQualityOfService.AtLeastOnce)),
                new MqttSubscription("c/d", new MqttSubscriptionOptions(MqttQualityOfService.ExactlyOnce)),
            },
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_SubscribeV5WithOptions_MatchesSpecBytes() => Vector.AssertBothWays(
        "82 1A 00 0A" +
        " 02 0B 05" + // Property Length 2: Subscription Identifier 5
        " 00 03 61 2F 2B 2D" + // "a/+": Retain Handling 2 (0x20) | Retain As Published (0x08) | No Local (0x04) | QoS 1
        " 00 0C 24 73 68 61 72 65 2F 67 2F 78 2F 23 12", // "$share/g/x/#": Retain Handling 1 (0x10) | QoS 2
        new SubscribePacket
        {
            PacketIdentifier = 10,
            Properties = new MqttProperties { SubscriptionIdentifiers = { 5 } },
            Subscriptions =
            {
                new MqttSubscription("a/+", new MqttSubscriptionOptions(MqttQualityOfService.AtLeastOnce, NoLocal: true, RetainAsPublished: true, MqttRetainHandling.DoNotSend)),
                new MqttSubscription("$share/g/x/#", new MqttSubscriptionOptions(MqttQualityOfService.ExactlyOnce, RetainHandling: MqttRetainHandling.SendAtSubscribeIfNew)),
            },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_SubAckV311_MatchesSpecBytes() => Vector.AssertBothWays(
        "90 05 00 0A 00 02 80", // Success QoS 0, Success QoS 2, Failure
        new SubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = { MqttReasonCode.GrantedQoS0, MqttReasonCode.GrantedQoS2, MqttReasonCode.UnspecifiedError },
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_SubAckV5_MatchesSpecBytes() => Vector.AssertBothWays(
        "90 06 00 0A 00 01 02 8F", // Property Length 0; Granted QoS 1, Granted QoS 2, Topic Filter invalid
        new SubAckPacket
        {
            PacketIdentifier = 10,
            ReasonCodes = { MqttReasonCode.GrantedQoS1, MqttReasonCode.GrantedQoS2, MqttReasonCode.TopicFilterInvalid },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Write_SubAckV311WithV5FailureCode_WritesFailure0x80() =>
        Hex.Format(Wire.Encode(new SubAckPacket { PacketIdentifier = 1, ReasonCodes = { MqttReasonCode.QuotaExceeded } }, MqttProtocolVersion.V311))
            .Should().Be("90 03 00 01 80");

    [Fact]
    public void Vector_UnsubscribeV311_MatchesSpecBytes() => Vector.AssertBothWays(
        "A2 0A 00 0C 00 01 61 00 03 62 2F 23", // flags 0010, "a", "b/#"
        new UnsubscribePacket { PacketIdentifier = 12, TopicFilters = { "a", "b/#" } },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_UnsubAckV311_HasOnlyPacketIdentifier() => Vector.AssertBothWays(
        "B0 02 00 0C",
        new UnsubAckPacket { PacketIdentifier = 12 },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_UnsubAckV5_MatchesSpecBytes() => Vector.AssertBothWays(
        "B0 05 00 0C 00 00 11", // Property Length 0; Success, No subscription existed
        new UnsubAckPacket { PacketIdentifier = 12, ReasonCodes = { MqttReasonCode.Success, MqttReasonCode.NoSubscriptionExisted } },
        MqttProtocolVersion.V500);
}
