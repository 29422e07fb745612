using System.Buffers;
using Gateway.Mqtt.Codec;

namespace Gateway.Tests.Support;

/// <summary>Encode/decode shortcuts over the public reader and writer.</summary>
public static class Wire
{
    public static byte[] Encode(MqttPacket packet, MqttProtocolVersion version)
    {
        var output = new ArrayBufferWriter<byte>();
        MqttPacketWriter.Write(packet, output, version);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one packet that must use every byte of <paramref name="bytes"/>.</summary>
    public static MqttPacket Decode(byte[] bytes, MqttProtocolVersion version) =>
        Decode(new ReadOnlySequence<byte>(bytes), version);

    public static MqttPacket Decode(ReadOnlySequence<byte> sequence, MqttProtocolVersion version)
    {
        var reader = new MqttPacketReader(version);
        var buffer = sequence;
        reader.TryRead(ref buffer, out var packet).Should().BeTrue("the whole packet is there");
        buffer.Length.Should().Be(0, "the packet uses every byte");
        return packet!;
    }

    /// <summary>The exception a malformed input raises (null if none).</summary>
    public static MqttProtocolException? ReadError(byte[] bytes, MqttProtocolVersion version, int maximumPacketSize = MqttPacketReader.ProtocolMaximumPacketSize)
    {
        var reader = new MqttPacketReader(version, maximumPacketSize);
        var buffer = new ReadOnlySequence<byte>(bytes);
        try
        {
            while (reader.TryRead(ref buffer, out _))
            {
            }
            return null;
        }
        catch (MqttProtocolException ex)
        {
            return ex;
        }
    }
}
