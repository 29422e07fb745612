using System.Buffers;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>
/// Hot-path allocation budgets, measured on the calling thread: decoding a PUBLISH allocates the packet, its topic
/// string and one payload array, nothing else; PINGREQ and writing allocate nothing.
/// </summary>
[Trait("Category", "Unit")]
public sealed class AllocationTests
{
    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryRead_PublishWithoutProperties_AllocatesOnlyPacketTopicAndPayload(MqttProtocolVersion version)
    {
        var bytes = Wire.Encode(new PublishPacket
        {
            TopicName = "sensors/temperature",
            Payload = new byte[64],
            QualityOfService = MqttQualityOfService.AtLeastOnce,
            PacketIdentifier = 1,
        }, version);
        var reader = new MqttPacketReader(version);
        ReadOnce(reader, bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnce(reader, bytes);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        // 64-bit runtime: PublishPacket 56 B + 19-char string 64 B + byte[64] 88 B = 208 B, the model's own objects.
        allocated.Should().BeLessThanOrEqualTo(208);
    }

    [Fact]
    public void TryRead_PingReq_AllocatesNothing()
    {
        var reader = new MqttPacketReader(MqttProtocolVersion.V311);
        var bytes = Hex.Parse("C0 00");
        ReadOnce(reader, bytes);

        var before = GC.GetAllocatedBytesForCurrentThread();
        ReadOnce(reader, bytes);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Write_Publish_AllocatesNothing(MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create("publish-qos1-retain", version);
        var output = new ArrayBufferWriter<byte>(1024);
        MqttPacketWriter.Write(packet, output, version);
        output.ResetWrittenCount();

        var before = GC.GetAllocatedBytesForCurrentThread();
        MqttPacketWriter.Write(packet, output, version);

        (GC.GetAllocatedBytesForCurrentThread() - before).Should().Be(0);
    }

    private static void ReadOnce(MqttPacketReader reader, byte[] bytes)
    {
        // No assertion library here: it would allocate inside the measured window.
        var buffer = new ReadOnlySequence<byte>(bytes);
        if (!reader.TryRead(ref buffer, out _))
        {
            throw new InvalidOperationException("The packet did not decode.");
        }
    }
}
