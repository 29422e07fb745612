using System.Buffers;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>Splitting a message into its sections (Part 3 §3.2) without decoding them, byte-exact.</summary>
[Trait("Category", "Unit")]
public sealed class MessageSectionsReaderTests
{
    [Fact]
    public void TryRead_EverySectionKind_SplitsInOrderAndRawSlicesReassembleTheMessage()
    {
        var message = BuildMessage(
            AmqpWire.Encode(new MessageHeader { Durable = true, DeliveryCount = 1 }),
            Section(0x71, (ref AmqpWriter w) => w.WriteMap(new AmqpMap { { new AmqpSymbol("x-opt-da"), 1 } })),
            Section(0x72, (ref AmqpWriter w) => w.WriteMap(new AmqpMap { { new AmqpSymbol("x-opt-ma"), "v" } })),
            AmqpWire.Encode(new MessageProperties { Subject = "s", To = "queue://q" }),
            Section(0x74, (ref AmqpWriter w) => w.WriteMap(new AmqpMap { { "color", "red" } })),
            Section(0x75, (ref AmqpWriter w) => w.WriteBinary([1, 2, 3])),
            Section(0x75, (ref AmqpWriter w) => w.WriteBinary([4])),
            Section(0x78, (ref AmqpWriter w) => w.WriteMap(new AmqpMap { { new AmqpSymbol("hash"), new byte[] { 0xAA } } })));

        var sections = Split(new ReadOnlySequence<byte>(message));

        sections.Select(s => s.Kind).Should().Equal(
            MessageSectionKind.Header, MessageSectionKind.DeliveryAnnotations, MessageSectionKind.MessageAnnotations,
            MessageSectionKind.Properties, MessageSectionKind.ApplicationProperties, MessageSectionKind.Data,
            MessageSectionKind.Data, MessageSectionKind.Footer);
        sections.SelectMany(s => s.Raw.ToArray()).Should().Equal(message, "the raw sections are the message, byte for byte");
        sections[0].DecodeHeader().DeliveryCount.Should().Be(1);
        sections[3].DecodeProperties().Subject.Should().Be("s");
        sections[4].DecodeMap()["color"].Should().Be((AmqpValue)"red");
        sections[5].Value.ToArray().Should().Equal(Hex.Parse("A0 03 01 02 03"));
        sections[6].IsBody.Should().BeTrue();
    }

    [Fact]
    public void TryRead_SplitAtEveryPoint_YieldsTheSameSections()
    {
        var message = BuildMessage(
            Section(0x70, (ref AmqpWriter w) => w.WriteList(new AmqpList())),
            AmqpWire.Encode(new MessageProperties { MessageId = 7ul }),
            Section(0x77, (ref AmqpWriter w) => w.WriteValue("hello")));
        var expected = Split(new ReadOnlySequence<byte>(message)).Select(s => Hex.Format(s.Raw.ToArray())).ToArray();

        for (var at = 1; at < message.Length; at++)
        {
            Split(Sequences.Split(message, at)).Select(s => Hex.Format(s.Raw.ToArray())).Should().Equal(expected, $"split at {at}");
        }
        Split(Sequences.ByteByByte(message)).Select(s => Hex.Format(s.Raw.ToArray())).Should().Equal(expected);
    }

    [Fact]
    public void TryRead_SymbolicDescriptors_AreRecognised()
    {
        var message = BuildMessage(
            SymbolicSection("amqp:header:list", (ref AmqpWriter w) => w.WriteList(new AmqpList())),
            SymbolicSection("amqp:amqp-sequence:list", (ref AmqpWriter w) => w.WriteList(new AmqpList { 1 })),
            SymbolicSection("amqp:amqp-sequence:list", (ref AmqpWriter w) => w.WriteList(new AmqpList { 2 })));

        Split(new ReadOnlySequence<byte>(message)).Select(s => s.Kind).Should().Equal(
            MessageSectionKind.Header, MessageSectionKind.AmqpSequence, MessageSectionKind.AmqpSequence);
    }

    [Fact]
    public void TryRead_NoBody_HasBodyIsFalse()
    {
        var message = Hex.Parse("00 53 70 45 00 53 73 45");
        var reader = new MessageSectionsReader(new ReadOnlySequence<byte>(message));

        while (reader.TryRead(out _))
        {
        }

        reader.HasBody.Should().BeFalse();
    }

    [Theory]
    [InlineData("properties before header", "00 53 73 45 00 53 70 45")]
    [InlineData("two headers", "00 53 70 45 00 53 70 45")]
    [InlineData("data then amqp-value", "00 53 75 A0 00 00 53 77 40")]
    [InlineData("two amqp-values", "00 53 77 40 00 53 77 40")]
    [InlineData("data after footer", "00 53 78 C1 01 00 00 53 75 A0 00")]
    [InlineData("amqp-sequence then data", "00 53 76 45 00 53 75 A0 00")]
    [InlineData("unknown section 0x79", "00 53 79 45")]
    [InlineData("unknown section 0x24", "00 53 24 45")]
    [InlineData("not described", "A1 01 61")]
    [InlineData("data holding a string", "00 53 75 A1 01 61")]
    [InlineData("application-properties holding a list", "00 53 74 45")]
    [InlineData("header holding a map", "00 53 70 C1 01 00")]
    [InlineData("section truncated", "00 53 75 A0 05 01")]
    [InlineData("map section with a bad size", "00 53 74 C1 05 02 40")]
    public void TryRead_MalformedMessage_ThrowsDecodeError(string name, string hex)
    {
        var act = () => Split(new ReadOnlySequence<byte>(Hex.Parse(hex)));

        act.Should().Throw<AmqpDecodeException>(name).Where(e => e.Condition == AmqpDecodeException.DecodeError);
    }

    internal static List<MessageSection> Split(ReadOnlySequence<byte> message)
    {
        var sections = new List<MessageSection>();
        var reader = new MessageSectionsReader(message);
        while (reader.TryRead(out var section))
        {
            sections.Add(section);
        }
        return sections;
    }

    private static byte[] BuildMessage(params byte[][] sections) => [.. sections.SelectMany(s => s)];

    private static byte[] Section(ulong code, AmqpWriteAction value) => AmqpWire.Write((ref AmqpWriter w) =>
    {
        w.WriteDescriptor(code);
        value(ref w);
    });

    private static byte[] SymbolicSection(string name, AmqpWriteAction value) => AmqpWire.Write((ref AmqpWriter w) =>
    {
        w.WriteDescriptor(new AmqpSymbol(name));
        value(ref w);
    });
}
