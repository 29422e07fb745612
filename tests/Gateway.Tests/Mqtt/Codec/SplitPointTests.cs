using System.Buffers;
using Gateway.Mqtt.Codec;
using Gateway.Tests.Support;

namespace Gateway.Tests.Mqtt.Codec;

/// <summary>Transport fragmentation must never change what is decoded (Kestrel/Garnet reader contract).</summary>
[Trait("Category", "Unit")]
public sealed class SplitPointTests
{
    public static TheoryData<string, MqttProtocolVersion> Samples => SamplePackets.All;

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_EveryProperPrefix_ReturnsFalseAndLeavesBufferUnchanged(string sample, MqttProtocolVersion version)
    {
        var bytes = Wire.Encode(SamplePackets.Create(sample, version), version);
        var reader = new MqttPacketReader(version);

        foreach (var length in PrefixLengths(bytes.Length))
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var before = buffer;

            reader.TryRead(ref buffer, out var packet).Should().BeFalse($"{length} of {bytes.Length} bytes is not a packet");

            packet.Should().BeNull();
            buffer.Should().Be(before);
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_TwoSegmentsSplitAtEveryPoint_DecodesIdentically(string sample, MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create(sample, version);
        var bytes = Wire.Encode(packet, version);

        foreach (var at in PrefixLengths(bytes.Length))
        {
            Wire.Decode(Sequences.Split(bytes, at), version).ShouldBeEquivalentPacket(packet, $"split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_OneSegmentPerByte_DecodesIdentically(string sample, MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create(sample, version);
        var bytes = Wire.Encode(packet, version);

        Wire.Decode(Sequences.ByteByByte(bytes), version).ShouldBeEquivalentPacket(packet);
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void TryRead_BytesArrivingOneAtATime_DecodesOnlyWhenComplete(string sample, MqttProtocolVersion version)
    {
        var packet = SamplePackets.Create(sample, version);
        var bytes = Wire.Encode(packet, version);
        var reader = new MqttPacketReader(version);
        var chunks = new List<byte[]>();
        MqttPacket? decoded = null;

        // Byte by byte; the 70 KB sample arrives in 997-byte reads to keep this linear-ish.
        var step = bytes.Length > 4096 ? 997 : 1;
        for (var i = 0; i < bytes.Length && decoded is null; i += step)
        {
            chunks.Add(bytes[i..Math.Min(i + step, bytes.Length)]);
            var buffer = Sequences.FromChunks([.. chunks]);
            if (reader.TryRead(ref buffer, out var result))
            {
                (i + step).Should().BeGreaterThanOrEqualTo(bytes.Length, "the packet is complete only with its last byte");
                buffer.Length.Should().Be(0);
                decoded = result;
            }
        }

        decoded.Should().NotBeNull();
        decoded!.ShouldBeEquivalentPacket(packet);
    }

    /// <summary>Every split point, thinned out for the 70 KB sample so the suite stays fast.</summary>
    private static IEnumerable<int> PrefixLengths(int length)
    {
        var step = length > 4096 ? 997 : 1;
        for (var i = 1; i < length; i += step)
        {
            yield return i;
        }
        if (step > 1)
        {
            foreach (var i in new[] { 2, 3, 4, 5, 6, 7, length - 2, length - 1 })
            {
                yield return i;
            }
        }
    }
}
