using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>PINGREQ, PINGRESP, DISCONNECT and AUTH as bytes (MQTT 5.0 §3.12-§3.15).</summary>
[Trait("Category", "Unit")]
public sealed class LifecycleVectorTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V310)]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Vector_PingReq_IsTwoBytes(MqttProtocolVersion version)
    {
        Vector.AssertBothWays("C0 00", PingReqPacket.Instance, version);
        Wire.Decode(Hex.Parse("C0 00"), version).Should().BeSameAs(PingReqPacket.Instance, "reading a PINGREQ allocates nothing");
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Vector_PingResp_IsTwoBytes(MqttProtocolVersion version) =>
        Vector.AssertBothWays("D0 00", PingRespPacket.Instance, version);

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)] // §3.14.2.1: no Reason Code means 0x00 Normal disconnection
    public void Vector_DisconnectNormal_IsTwoBytes(MqttProtocolVersion version) =>
        Vector.AssertBothWays("E0 00", new DisconnectPacket(), version);

    [Fact]
    public void Vector_DisconnectV5WithReason_MatchesSpecBytes() => Vector.AssertBothWays(
        "E0 01 04", // Disconnect with Will Message; Remaining Length 1, so no Property Length
        new DisconnectPacket { ReasonCode = MqttReasonCode.DisconnectWithWillMessage },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_DisconnectV5WithReasonAndReasonString_MatchesSpecBytes() => Vector.AssertBothWays(
        "E0 08 8B 06 1F 00 03 62 79 65", // Server shutting down, Reason String "bye"
        new DisconnectPacket
        {
            ReasonCode = MqttReasonCode.ServerShuttingDown,
            Properties = new MqttProperties { ReasonString = "bye" },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Write_DisconnectV311WithReason_IsStillEmpty() =>
        Hex.Format(Wire.Encode(new DisconnectPacket { ReasonCode = MqttReasonCode.ServerShuttingDown }, MqttProtocolVersion.V311))
            .Should().Be("E0 00");

    [Fact]
    public void Vector_AuthSuccessWithoutProperties_IsTwoBytes() =>
        Vector.AssertBothWays("F0 00", new AuthPacket(), MqttProtocolVersion.V500);

    [Fact]
    public void Vector_AuthContinue_MatchesSpecBytes() => Vector.AssertBothWays(
        "F0 0A 18 08 15 00 05 53 43 52 41 4D", // Continue authentication, Authentication Method "SCRAM"
        new AuthPacket
        {
            ReasonCode = MqttReasonCode.ContinueAuthentication,
            Properties = new MqttProperties { AuthenticationMethod = "SCRAM" },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Write_AuthInV311_ThrowsArgumentException()
    {
        var act = () => Wire.Encode(new AuthPacket(), MqttProtocolVersion.V311);

        act.Should().Throw<ArgumentException>();
    }
}
