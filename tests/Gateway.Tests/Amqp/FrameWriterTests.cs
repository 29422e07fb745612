using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>The frame writer: header + performative + payload, straight into any buffer writer.</summary>
[Trait("Category", "Unit")]
public sealed class FrameWriterTests
{
    public static TheoryData<string> Performatives => AmqpSamples.Performatives;

    [Theory]
    [MemberData(nameof(Performatives))]
    public void WriteFrame_DirtyFragmentedBuffer_WritesTheSameBytes(string name)
    {
        var payload = new ReadOnlySequence<byte>([1, 2, 3]);
        var clean = new ArrayBufferWriter<byte>();
        var dirty = new DirtyBufferWriter(chunk: 1);

        var size = AmqpFrameWriter.WriteFrame(clean, 5, AmqpSamples.Performative(name), payload);
        AmqpFrameWriter.WriteFrame(dirty, 5, AmqpSamples.Performative(name), payload);

        dirty.WrittenBytes.Should().Equal(clean.WrittenSpan.ToArray());
        size.Should().Be(clean.WrittenCount);
        AmqpFrameWriter.GetFrameSize(AmqpSamples.Performative(name), payload.Length).Should().Be(size);
    }

    [Fact]
    public void WriteFrame_Close_WritesSpecBytes()
    {
        // size 12, DOFF 2, type 0, channel 0, then close (0x18) with no fields: list0.
        var bytes = AmqpWire.Frame(new Close());

        Hex.Format(bytes).Should().Be("00 00 00 0C 02 00 00 00 00 53 18 45");
    }

    [Fact]
    public void WriteFrame_SaslOutcome_WritesSaslFrameOnChannelZero()
    {
        var bytes = AmqpWire.Frame(new SaslOutcome { OutcomeCode = SaslCode.Ok }, channel: 9);

        Hex.Format(bytes).Should().Be("00 00 00 10 02 01 00 00 00 53 44 C0 03 01 50 00");
    }
}
