using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Frame header rules of Part 2 §2.3 and the limits checked before buffering.</summary>
[Trait("Category", "Unit")]
public sealed class FrameReaderTests
{
    [Fact]
    public void TryRead_EmptyFrame_IsHeartbeatOnItsChannel()
    {
        // §2.4.5: "a frame consisting solely of a frame header, with no frame body".
        var frame = AmqpWire.ReadFrame(Hex.Parse("00 00 00 08 02 00 00 05"));

        frame.IsEmpty.Should().BeTrue();
        frame.Performative.Should().BeNull();
        frame.Channel.Should().Be(5);
        frame.Type.Should().Be(FrameType.Amqp);
    }

    [Fact]
    public void WriteEmptyFrame_WritesEightByteHeader()
    {
        var output = new ArrayBufferWriter<byte>();

        AmqpFrameWriter.WriteEmptyFrame(output);

        Hex.Format(output.WrittenSpan).Should().Be("00 00 00 08 02 00 00 00");
    }

    [Fact]
    public void TryRead_SizeAboveMaximum_ThrowsFramingErrorFromFourBytes()
    {
        // Only the 4 size bytes are present: the limit is checked before the body is waited for.
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("00 10 00 00"));
        var reader = new AmqpFrameReader();

        var act = () => reader.TryRead(ref buffer, AmqpFrameReader.MinMaxFrameSize, out _);

        act.Should().Throw<AmqpDecodeException>()
            .Where(e => e.Condition == AmqpDecodeException.FramingError)
            .WithMessage("*1048576*512*");
    }

    [Fact]
    public void TryRead_SizeAtMaximum_WaitsForTheBody()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("00 00 02 00 02 00 00 00"));

        new AmqpFrameReader().TryRead(ref buffer, 512, out _).Should().BeFalse();
    }

    [Fact]
    public void TryRead_HugeSizeHeaderOnly_NeverBuffersTheBody()
    {
        // 4 GiB - 1 announced, 8 bytes present: the reader refuses at once instead of asking for more.
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("FF FF FF FF 02 00 00 00"));

        var act = () => new AmqpFrameReader().TryRead(ref buffer, 1_048_576, out _);

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError);
    }

    [Theory]
    [InlineData("00 00 00 00")]
    [InlineData("00 00 00 07")]
    public void TryRead_SizeBelowHeader_ThrowsFramingError(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(hex));

        var act = () => new AmqpFrameReader().TryRead(ref buffer, uint.MaxValue, out _);

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError).WithMessage("*less than the 8-byte*");
    }

    [Theory]
    [InlineData("00 00 00 10 00")]
    [InlineData("00 00 00 10 01")]
    public void TryRead_DataOffsetBelowTwo_ThrowsFramingErrorFromFiveBytes(string hex)
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse(hex));

        var act = () => new AmqpFrameReader().TryRead(ref buffer, uint.MaxValue, out _);

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError).WithMessage("*DOFF*");
    }

    [Fact]
    public void TryRead_DataOffsetPastFrameEnd_ThrowsFramingError()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("00 00 00 0C 04"));

        var act = () => new AmqpFrameReader().TryRead(ref buffer, uint.MaxValue, out _);

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError);
    }

    [Fact]
    public void TryRead_UnknownFrameType_ThrowsFramingError()
    {
        var buffer = new ReadOnlySequence<byte>(Hex.Parse("00 00 00 08 02 02"));

        var act = () => new AmqpFrameReader().TryRead(ref buffer, uint.MaxValue, out _);

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError).WithMessage("*0x02*");
    }

    [Fact]
    public void TryRead_ExtendedHeader_IsSkipped()
    {
        // DOFF 3: 4 bytes of extended header before the body (an end performative).
        var frame = AmqpWire.ReadFrame(Hex.Parse("00 00 00 10 03 00 00 01 DE AD BE EF 00 53 17 45"));

        frame.Header.DataOffset.Should().Be(3);
        frame.Performative.Should().BeOfType<End>();
    }

    [Fact]
    public void TryRead_EmptySaslFrame_ThrowsFramingError()
    {
        var act = () => AmqpWire.ReadFrame(Hex.Parse("00 00 00 08 02 01 00 00"));

        act.Should().Throw<AmqpDecodeException>().Where(e => e.Condition == AmqpDecodeException.FramingError);
    }

    [Fact]
    public void TryRead_ReusedTransfer_FieldsResetBetweenFrames()
    {
        var full = AmqpWire.Frame(AmqpSamples.Performative("transfer-full"));
        var minimal = AmqpWire.Frame(new Transfer { Handle = 4 });
        var reader = new AmqpFrameReader();
        var buffer = new ReadOnlySequence<byte>([.. full, .. minimal]);

        reader.TryRead(ref buffer, uint.MaxValue, out var first).Should().BeTrue();
        var firstTransfer = (Transfer)first.Performative!;
        firstTransfer.Aborted.Should().BeTrue();
        reader.TryRead(ref buffer, uint.MaxValue, out var second).Should().BeTrue();

        second.Performative.Should().BeSameAs(firstTransfer, "the reader reuses its transfer");
        second.Performative.ShouldBeEquivalentComposite(new Transfer { Handle = 4 });
    }

    [Fact]
    public void WriteTransfer_LargeMessage_SplitsIntoFramesWithinMaximum()
    {
        var message = Enumerable.Range(0, 10_000).Select(i => (byte)i).ToArray();
        var payload = new ReadOnlySequence<byte>(message);
        var transfer = new Transfer { Handle = 1, DeliveryId = 9, DeliveryTag = new byte[] { 1 }, MessageFormat = 0 };
        var output = new ArrayBufferWriter<byte>();
        var frames = 0;

        while (AmqpFrameWriter.WriteTransfer(output, 0, transfer, ref payload, 512))
        {
            frames++;
        }
        frames++;

        payload.Length.Should().Be(0);
        var buffer = new ReadOnlySequence<byte>(output.WrittenMemory);
        var reader = new AmqpFrameReader();
        var received = new List<byte>();
        for (var i = 0; i < frames; i++)
        {
            reader.TryRead(ref buffer, 512, out var frame).Should().BeTrue($"frame {i} is within 512 bytes");
            frame.Header.Size.Should().BeLessThanOrEqualTo(512);
            ((Transfer)frame.Performative!).More.Should().Be(i < frames - 1, "every frame but the last says more");
            received.AddRange(frame.Payload.ToArray());
        }
        buffer.Length.Should().Be(0);
        received.Should().Equal(message);
        transfer.More.Should().BeFalse("the caller's transfer is left as it was");
    }

    [Fact]
    public void WriteTransfer_MaximumTooSmallForAnyPayload_Throws()
    {
        var payload = new ReadOnlySequence<byte>(new byte[100]);
        var transfer = new Transfer { DeliveryTag = new byte[32] };

        var act = () => AmqpFrameWriter.WriteTransfer(new ArrayBufferWriter<byte>(), 0, transfer, ref payload, 40);

        act.Should().Throw<ArgumentException>();
    }
}
