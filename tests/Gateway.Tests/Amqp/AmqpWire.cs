using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Encode/decode helpers for the AMQP codec tests.</summary>
public static class AmqpWire
{
    public static byte[] Write(AmqpWriteAction write)
    {
        var output = new ArrayBufferWriter<byte>();
        var writer = new AmqpWriter(output);
        write(ref writer);
        writer.BytesWritten.Should().Be(output.WrittenCount, "BytesWritten counts what was written");

        // The same through a dirty 0xFF pool handing out one byte at a time: no byte left unassigned.
        var dirty = new DirtyBufferWriter(chunk: 1);
        var dirtyWriter = new AmqpWriter(dirty);
        write(ref dirtyWriter);
        dirty.WrittenBytes.Should().Equal(output.WrittenSpan.ToArray(), "a dirty, fragmented output buffer changes nothing");

        // And the measuring pass agrees.
        var sizer = AmqpWriter.CreateMeasuring();
        write(ref sizer);
        sizer.BytesWritten.Should().Be(output.WrittenCount, "the measuring writer counts exactly what the writer writes");
        return output.WrittenSpan.ToArray();
    }

    public static byte[] Encode(AmqpValue value) => Write((ref AmqpWriter w) => w.WriteValue(value));

    public static byte[] Encode(AmqpComposite value) => Write((ref AmqpWriter w) => w.WriteComposite(value));

    /// <summary>Reads with <paramref name="read"/> and asserts every byte was consumed.</summary>
    public static T Read<T>(ReadOnlySequence<byte> bytes, AmqpReadFunc<T> read)
    {
        var reader = new AmqpReader(bytes);
        var value = read(ref reader);
        reader.End.Should().BeTrue("the whole encoding is consumed");
        return value;
    }

    public static T Read<T>(byte[] bytes, AmqpReadFunc<T> read) => Read(new ReadOnlySequence<byte>(bytes), read);

    public static AmqpValue Decode(byte[] bytes) => Read(bytes, (ref AmqpReader r) => r.ReadValue());

    public static AmqpValue Decode(ReadOnlySequence<byte> bytes) => Read(bytes, (ref AmqpReader r) => r.ReadValue());

    public static byte[] Frame(Performative performative, ushort channel = 0, byte[]? payload = null)
    {
        var output = new ArrayBufferWriter<byte>();
        AmqpFrameWriter.WriteFrame(output, channel, performative, payload ?? []);
        return output.WrittenSpan.ToArray();
    }

    /// <summary>Decodes exactly one frame that fills <paramref name="bytes"/>.</summary>
    public static AmqpFrame ReadFrame(ReadOnlySequence<byte> bytes, uint maxFrameSize = uint.MaxValue, AmqpFrameReader? reader = null)
    {
        reader ??= new AmqpFrameReader();
        var buffer = bytes;
        reader.TryRead(ref buffer, maxFrameSize, out var frame).Should().BeTrue("the bytes hold a whole frame");
        buffer.Length.Should().Be(0, "the frame is consumed entirely");
        return frame;
    }

    public static AmqpFrame ReadFrame(byte[] bytes, uint maxFrameSize = uint.MaxValue) => ReadFrame(new ReadOnlySequence<byte>(bytes), maxFrameSize);
}
