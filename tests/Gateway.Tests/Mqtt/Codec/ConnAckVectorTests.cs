using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>CONNACK byte vectors (MQTT 3.1.1 §3.2, MQTT 5.0 §3.2).</summary>
[Trait("Category", "Unit")]
public sealed class ConnAckVectorTests
{
    [Theory]
    [InlineData("20 02 00 00", false, MqttReasonCode.Success)]
    [InlineData("20 02 01 00", true, MqttReasonCode.Success)]
    [InlineData("20 02 00 01", false, MqttReasonCode.UnsupportedProtocolVersion)]
    [InlineData("20 02 00 02", false, MqttReasonCode.ClientIdentifierNotValid)]
    [InlineData("20 02 00 03", false, MqttReasonCode.ServerUnavailable)]
    [InlineData("20 02 00 04", false, MqttReasonCode.BadUserNameOrPassword)]
    [InlineData("20 02 00 05", false, MqttReasonCode.NotAuthorized)]
    public void Vector_ConnAckV311ReturnCodes_MapToReasonCodes(string hex, bool sessionPresent, MqttReasonCode reasonCode) =>
        Vector.AssertBothWays(hex, new ConnAckPacket { SessionPresent = sessionPresent, ReasonCode = reasonCode }, MqttProtocolVersion.V311);

    [Theory]
    [InlineData(MqttReasonCode.Banned, "20 02 00 05")]
    [InlineData(MqttReasonCode.BadAuthenticationMethod, "20 02 00 04")]
    [InlineData(MqttReasonCode.ServerBusy, "20 02 00 03")]
    [InlineData(MqttReasonCode.QuotaExceeded, "20 02 00 03")]
    public void Write_ConnAckV311WithV5OnlyReason_FoldsIntoClosestReturnCode(MqttReasonCode reasonCode, string hex) =>
        Hex.Format(Wire.Encode(new ConnAckPacket { ReasonCode = reasonCode }, MqttProtocolVersion.V311)).Should().Be(hex);

    [Fact]
    public void Write_ConnAckV31WithSessionPresent_WritesReservedZeroByte() =>
        Hex.Format(Wire.Encode(new ConnAckPacket { SessionPresent = true }, MqttProtocolVersion.V310)).Should().Be("20 02 00 00");

    [Fact]
    public void Vector_ConnAckV5Success_MatchesSpecBytes() => Vector.AssertBothWays(
        "20 03 00 00 00", // flags 0, Reason Code Success, Property Length 0
        new ConnAckPacket { ReasonCode = MqttReasonCode.Success },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_ConnAckV5Refused_MatchesSpecBytes() => Vector.AssertBothWays(
        "20 03 00 87 00", // Not authorized
        new ConnAckPacket { ReasonCode = MqttReasonCode.NotAuthorized },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_ConnAckV5WithProperties_MatchesSpecBytes() => Vector.AssertBothWays(
        "20 0A 01 00" + // Session Present, Success
        " 07" + // Property Length 7
        " 12 00 01 78" + // Assigned Client Identifier "x"
        " 22 00 0A", // Topic Alias Maximum 10
        new ConnAckPacket
        {
            SessionPresent = true,
            Properties = new MqttProperties { AssignedClientIdentifier = "x", TopicAliasMaximum = 10 },
        },
        MqttProtocolVersion.V500);
}
