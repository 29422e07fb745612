using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Transport fragmentation never changes what is decoded (the TryRead contract: false = need more, buffer unchanged).</summary>
[Trait("Category", "Unit")]
public sealed class FrameSplitPointTests
{
    public static TheoryData<string> Performatives => AmqpSamples.Performatives;

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_EveryProperPrefix_ReturnsFalseAndLeavesBufferUnchanged(string name)
    {
        var bytes = AmqpWire.Frame(AmqpSamples.Performative(name), channel: 1, payload: [1, 2, 3]);
        var reader = new AmqpFrameReader();

        for (var length = 0; length < bytes.Length; length++)
        {
            var buffer = new ReadOnlySequence<byte>(bytes, 0, length);
            var before = buffer;

            reader.TryRead(ref buffer, uint.MaxValue, out var frame).Should().BeFalse($"{length} of {bytes.Length} bytes is not a frame");

            frame.Performative.Should().BeNull();
            buffer.Should().Be(before);
        }
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_TwoSegmentsSplitAtEveryPoint_DecodesIdentically(string name)
    {
        var performative = AmqpSamples.Performative(name);
        var payload = new byte[] { 9, 8, 7, 6 };
        var bytes = AmqpWire.Frame(performative, channel: 1, payload);

        for (var at = 1; at < bytes.Length; at++)
        {
            var frame = AmqpWire.ReadFrame(Sequences.Split(bytes, at));

            frame.Performative.ShouldBeEquivalentComposite(performative, $"split at {at}");
            frame.Payload.ToArray().Should().Equal(payload, $"split at {at}");
        }
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_OneSegmentPerByte_DecodesIdentically(string name)
    {
        var performative = AmqpSamples.Performative(name);
        var bytes = AmqpWire.Frame(performative, channel: 1, payload: [5]);

        var frame = AmqpWire.ReadFrame(Sequences.ByteByByte(bytes));

        frame.Performative.ShouldBeEquivalentComposite(performative);
        frame.Payload.ToArray().Should().Equal(5);
    }

    [Theory]
    [MemberData(nameof(Performatives))]
    public void TryRead_BytesArrivingOneAtATime_DecodesOnlyWhenComplete(string name)
    {
        var performative = AmqpSamples.Performative(name);
        var bytes = AmqpWire.Frame(performative, channel: 1);
        var reader = new AmqpFrameReader();
        var chunks = new List<byte[]>();
        Performative? decoded = null;

        for (var i = 0; i < bytes.Length && decoded is null; i++)
        {
            chunks.Add([bytes[i]]);
            var buffer = Sequences.FromChunks([.. chunks]);
            if (reader.TryRead(ref buffer, uint.MaxValue, out var frame))
            {
                (i + 1).Should().Be(bytes.Length, "the frame is complete only with its last byte");
                buffer.Length.Should().Be(0);
                decoded = frame.Performative;
            }
        }

        decoded.ShouldBeEquivalentComposite(performative);
    }

    [Fact]
    public void TryRead_SeveralFramesInOneBuffer_ReadsThemInOrder()
    {
        var names = AmqpSamples.PerformativeNames.Where(n => !n.StartsWith("sasl", StringComparison.Ordinal)).ToArray();
        var bytes = names.SelectMany(n => AmqpWire.Frame(AmqpSamples.Performative(n), channel: 2)).Concat(new byte[] { 0, 0, 0, 8, 2, 0, 0, 0 }).ToArray();
        var buffer = Sequences.Split(bytes, bytes.Length / 3);
        var reader = new AmqpFrameReader();

        foreach (var name in names)
        {
            reader.TryRead(ref buffer, uint.MaxValue, out var frame).Should().BeTrue();
            frame.Performative.ShouldBeEquivalentComposite(AmqpSamples.Performative(name), name);
        }
        reader.TryRead(ref buffer, uint.MaxValue, out var heartbeat).Should().BeTrue();
        heartbeat.IsEmpty.Should().BeTrue();
        buffer.Length.Should().Be(0);
        reader.TryRead(ref buffer, uint.MaxValue, out _).Should().BeFalse();
    }
}
