using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>The writer must assign every byte it commits: output buffers come from pools and are not zeroed.</summary>
[Trait("Category", "Unit")]
public sealed class DirtyBufferTests
{
    public static TheoryData<string, MqttProtocolVersion> Samples => SamplePackets.All;

    [Theory]
    [MemberData(nameof(Samples))]
    public void Write_IntoBufferPrefilledWith0xFF_WritesExactlyTheCleanBytes(string sample, MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create(sample, version);
        var expected = Wire.Encode(packet, version);

        foreach (var chunk in new[] { 1, 7, 4096 })
        {
            var dirty = new DirtyBufferWriter(chunk);
            MqttPacketWriter.Write(packet, dirty, version);

            Hex.Format(dirty.WrittenBytes).Should().Be(Hex.Format(expected), $"spans of at least {chunk} bytes");
        }
    }

    [Fact]
    public void Write_PayloadLargerThanOneSpan_IsSpreadOverSeveralSpans()
    {
        var packet = SamplePackets.Create("publish-large", MqttProtocolVersion.V311);
        var dirty = new DirtyBufferWriter();

        MqttPacketWriter.Write(packet, dirty, MqttProtocolVersion.V311);

        dirty.SpanRequests.Should().BeGreaterThan(1);
        Wire.Decode(dirty.WrittenBytes, MqttProtocolVersion.V311).ShouldBeEquivalentPacket(packet);
    }
}
