using Gateway.Mqtt.Codec;

namespace Gateway.Tests.Support;

/// <summary>A spec byte vector checked in both directions: the writer produces it and the reader decodes it.</summary>
public static class Vector
{
    public static void AssertBothWays(string hex, MqttPacket packet, MqttProtocolVersion version)
    {
        var bytes = Hex.Parse(hex);

        Hex.Format(Wire.Encode(packet, version)).Should().Be(Hex.Format(bytes), "the writer produces the spec encoding");
        Wire.Decode(bytes, version).ShouldBeEquivalentPacket(packet, "the reader decodes the spec encoding");
    }
}
