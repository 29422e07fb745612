using System.Text;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>CONNECT byte vectors written from MQTT 3.1.1 §3.1 and MQTT 5.0 §3.1 (Figure 3-6 style layouts).</summary>
[Trait("Category", "Unit")]
public sealed class ConnectVectorTests
{
    [Fact]
    public void Vector_ConnectV311Minimal_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 0D" + // CONNECT, Remaining Length 13
        " 00 04 4D 51 54 54" + // Protocol Name "MQTT"
        " 04" + // Protocol Level 4
        " 02" + // Connect Flags: Clean Session
        " 00 3C" + // Keep Alive 60
        " 00 01 61", // Client Identifier "a"
        new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "a", CleanStart = true, KeepAlive = 60 },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_ConnectV311WithWill_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 18 00 04 4D 51 54 54 04" +
        " 2E" + // Will Retain (0x20) | Will QoS 1 (0x08) | Will Flag (0x04) | Clean Session (0x02)
        " 00 0A" + // Keep Alive 10
        " 00 02 63 31" + // Client Identifier "c1"
        " 00 03 77 2F 74" + // Will Topic "w/t"
        " 00 03 62 79 65", // Will Message "bye"
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311,
            ClientId = "c1",
            CleanStart = true,
            KeepAlive = 10,
            Will = new MqttWillMessage
            {
                Topic = "w/t",
                Payload = "bye"u8.ToArray(),
                QualityOfService = MqttQualityOfService.AtLeastOnce,
                Retain = true,
            },
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_ConnectV311WithUserNameAndPassword_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 15 00 04 4D 51 54 54 04" +
        " C2" + // User Name (0x80) | Password (0x40) | Clean Session (0x02)
        " 00 00" +
        " 00 02 69 64" + // Client Identifier "id"
        " 00 01 75" + // User Name "u"
        " 00 02 70 77", // Password "pw"
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V311,
            ClientId = "id",
            CleanStart = true,
            UserName = "u",
            Password = "pw"u8.ToArray(),
        },
        MqttProtocolVersion.V311);

    [Fact]
    public void Vector_ConnectV31MQIsdp_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 0F 00 06 4D 51 49 73 64 70" + // Protocol Name "MQIsdp"
        " 03 02 00 3C 00 01 61", // Level 3, Clean Session, Keep Alive 60, Client Identifier "a"
        new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V310, ClientId = "a", CleanStart = true, KeepAlive = 60 },
        MqttProtocolVersion.V310);

    [Fact]
    public void Vector_ConnectV5WithProperties_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 1D 00 04 4D 51 54 54" +
        " 05" + // Protocol Version 5
        " 02 00 1E" + // Clean Start, Keep Alive 30
        " 0F" + // Property Length 15
        " 11 00 00 0E 10" + // Session Expiry Interval 3600
        " 21 00 14" + // Receive Maximum 20
        " 26 00 01 6B 00 01 76" + // User Property ("k", "v")
        " 00 01 63", // Client Identifier "c"
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = "c",
            CleanStart = true,
            KeepAlive = 30,
            Properties = new MqttProperties
            {
                SessionExpiryInterval = 3600,
                ReceiveMaximum = 20,
                UserProperties = { new("k", "v") },
            },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Vector_ConnectV5WithWillProperties_MatchesSpecBytes() => Vector.AssertBothWays(
        "10 1D 00 04 4D 51 54 54 05" +
        " 06" + // Will Flag | Clean Start, Will QoS 0
        " 00 00" +
        " 00" + // Property Length 0
        " 00 01 63" + // Client Identifier "c"
        " 07" + // Will Property Length 7
        " 01 01" + // Payload Format Indicator 1
        " 18 00 00 00 05" + // Will Delay Interval 5
        " 00 01 74" + // Will Topic "t"
        " 00 02 6F 6B", // Will Payload "ok"
        new ConnectPacket
        {
            ProtocolVersion = MqttProtocolVersion.V500,
            ClientId = "c",
            CleanStart = true,
            Will = new MqttWillMessage
            {
                Topic = "t",
                Payload = Encoding.UTF8.GetBytes("ok"),
                Properties = new MqttProperties
                {
                    PayloadFormatIndicator = MqttPayloadFormatIndicator.CharacterData,
                    WillDelayInterval = 5,
                },
            },
        },
        MqttProtocolVersion.V500);

    [Fact]
    public void Write_ConnectV311WithPasswordOnly_ThrowsArgumentException()
    {
        var packet = new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V311, ClientId = "a", Password = new byte[] { 1 } };

        var act = () => Wire.Encode(packet, MqttProtocolVersion.V311);

        act.Should().Throw<ArgumentException>().WithMessage("*[MQTT-3.1.2-22]*");
    }

    [Fact]
    public void Vector_ConnectV5WithPasswordOnly_IsAllowed() => Vector.AssertBothWays(
        "10 12 00 04 4D 51 54 54 05 40 00 00 00 00 01 61 00 02 70 77",
        new ConnectPacket { ProtocolVersion = MqttProtocolVersion.V500, ClientId = "a", Password = "pw"u8.ToArray() },
        MqttProtocolVersion.V500);
}
