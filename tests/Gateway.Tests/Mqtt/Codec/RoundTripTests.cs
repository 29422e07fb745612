using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

[Trait("Category", "Unit")]
public sealed class RoundTripTests
{
    public static TheoryData<string, MqttProtocolVersion> Samples => SamplePackets.All;

    [Theory]
    [MemberData(nameof(Samples))]
    public void WriteThenRead_EverySample_IsEquivalent(string sample, MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create(sample, version);

        var decoded = Wire.Decode(Wire.Encode(packet, version), version);

        decoded.ShouldBeEquivalentPacket(packet);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void WriteReadWrite_EverySample_GivesIdenticalBytes(string sample, MqttProtocolVersion version)
    {
        var bytes = Wire.Encode(SamplePackets.Create(sample, version), version);

        var again = Wire.Encode(Wire.Decode(bytes, version), version);

        Hex.Format(again).Should().Be(Hex.Format(bytes));
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V310)]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void Samples_EveryVersion_CoverEveryPacketTypeOfThatVersion(MqttProtocolVersion version)
    {
        var types = SamplePackets.For(version).Select(s => s.Packet.Type).ToHashSet();

        var expected = Enum.GetValues<MqttPacketType>()
            .Where(t => t != MqttPacketType.Auth || version == MqttProtocolVersion.V500);
        types.Should().BeEquivalentTo(expected);
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V310)]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryRead_AllSamplesInOneBuffer_DecodesThemInOrder(MqttProtocolVersion version)
    {
        var samples = SamplePackets.For(version).ToList();
        var stream = samples.SelectMany(s => Wire.Encode(s.Packet, version)).ToArray();
        var reader = new MqttPacketReader(version);
        var buffer = new System.Buffers.ReadOnlySequence<byte>(stream);

        var decoded = new List<MqttPacket>();
        while (reader.TryRead(ref buffer, out var packet))
        {
            decoded.Add(packet);
        }

        buffer.Length.Should().Be(0);
        decoded.Should().HaveCount(samples.Count);
        for (var i = 0; i < samples.Count; i++)
        {
            decoded[i].ShouldBeEquivalentPacket(samples[i].Packet, samples[i].Name);
        }
    }

    [Theory]
    [InlineData(MqttProtocolVersion.V310)]
    [InlineData(MqttProtocolVersion.V311)]
    [InlineData(MqttProtocolVersion.V500)]
    public void TryRead_ConnectBeforeVersionIsKnown_FixesTheVersion(MqttProtocolVersion version)
    {
        var reader = new MqttPacketReader();
        var buffer = new System.Buffers.ReadOnlySequence<byte>(Wire.Encode(SamplePackets.Create("connect-will", version), version));

        reader.TryRead(ref buffer, out var packet).Should().BeTrue();

        packet.Should().BeOfType<ConnectPacket>().Which.ProtocolVersion.Should().Be(version);
        reader.ProtocolVersion.Should().Be(version);
    }
}
