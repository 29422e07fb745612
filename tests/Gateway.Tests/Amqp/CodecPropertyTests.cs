using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>FsCheck properties: random values round-trip; random and damaged bytes only ever fail as AmqpDecodeException.</summary>
[Trait("Category", "Unit")]
public sealed class CodecPropertyTests
{
    [Property(MaxTest = 500)]
    public Property ReadValue_RandomValue_RoundTrips() =>
        Prop.ForAll(AmqpGenerators.Value().ToArbitrary(), value =>
        {
            var bytes = AmqpWire.Encode(value);

            AmqpWire.Decode(bytes).Should().Be(value);
            AmqpWire.Decode(Sequences.Split(bytes, bytes.Length / 2)).Should().Be(value, "split in two");
            AmqpWire.Encode(AmqpWire.Decode(bytes)).Should().Equal(bytes, "the encoding is canonical");
            AmqpWire.Read(bytes, (ref AmqpReader r) =>
            {
                r.SkipValue();
                return r.Consumed;
            }).Should().Be(bytes.Length, "skipping consumes exactly the value");
            AmqpWriter.GetEncodedSize(value).Should().Be(bytes.Length);
        });

    [Property(MaxTest = 200)]
    public Property ReadValue_RandomValueOneSegmentPerByte_RoundTrips() =>
        Prop.ForAll(AmqpGenerators.Value(depth: 2).ToArbitrary(), value =>
            AmqpWire.Decode(Sequences.ByteByByte(AmqpWire.Encode(value))).Should().Be(value));

    [Property(MaxTest = 2000)]
    public Property ReadValue_RandomBytes_OnlyThrowsAmqpDecodeException() =>
        Prop.ForAll(AmqpGenerators.Bytes().ToArbitrary(), bytes =>
        {
            foreach (var input in new[] { new ReadOnlySequence<byte>(bytes), Sequences.Split(bytes, bytes.Length / 2) })
            {
                long? decoded = null;
                try
                {
                    var reader = new AmqpReader(input);
                    reader.ReadValue();
                    decoded = reader.Consumed;
                }
                catch (AmqpDecodeException)
                {
                    // The only acceptable failure.
                }
                if (decoded is { } consumed)
                {
                    // What decodes can also be skipped, over the same bytes.
                    var skipper = new AmqpReader(input);
                    skipper.SkipValue();
                    skipper.Consumed.Should().Be(consumed);
                }
            }
        });

    [Property(MaxTest = 2000)]
    public Property TryRead_HostileFrames_OnlyThrowsAmqpDecodeException() =>
        Prop.ForAll(AmqpGenerators.HostileFrames().ToArbitrary(), ReadsSafely);

    [Property(MaxTest = 2000)]
    public Property TryRead_MutatedValidFrames_OnlyThrowsAmqpDecodeException() =>
        Prop.ForAll(AmqpGenerators.MutatedFrames().ToArbitrary(), ReadsSafely);

    [Property(MaxTest = 1000)]
    public Property TryRead_RandomBytes_OnlyThrowsAmqpDecodeException() =>
        Prop.ForAll(AmqpGenerators.Bytes().ToArbitrary(), ReadsSafely);

    [Property(MaxTest = 1000)]
    public Property MessageSectionsReader_RandomBytes_OnlyThrowsAmqpDecodeException() =>
        Prop.ForAll(AmqpGenerators.Bytes().ToArbitrary(), bytes =>
        {
            var sections = 0;
            try
            {
                var reader = new MessageSectionsReader(new ReadOnlySequence<byte>(bytes));
                while (reader.TryRead(out _))
                {
                    sections++;
                    sections.Should().BeLessThanOrEqualTo(bytes.Length / 3, "each section takes at least three bytes");
                }
            }
            catch (AmqpDecodeException)
            {
                // The only acceptable failure.
            }
        });

    /// <summary>
    /// Decodes until the reader asks for more bytes. Each frame is at least 8 bytes, so the loop ends; anything but
    /// <see cref="AmqpDecodeException"/> escapes and fails the property.
    /// </summary>
    private static void ReadsSafely(byte[] bytes)
    {
        foreach (var sequence in new[] { new ReadOnlySequence<byte>(bytes), Sequences.Split(bytes, bytes.Length / 2) })
        {
            var reader = new AmqpFrameReader();
            var buffer = sequence;
            try
            {
                var reads = 0;
                while (reader.TryRead(ref buffer, 1_048_576, out _))
                {
                    reads++;
                    reads.Should().BeLessThanOrEqualTo(bytes.Length / 8, "each frame is at least eight bytes");
                }
            }
            catch (AmqpDecodeException)
            {
                // The only acceptable failure.
            }
        }
    }
}
