using System.Buffers;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>
/// A regression corpus of malformed frames: each is refused with <see cref="AmqpDecodeException"/> and the condition
/// the connection closes with. Every fuzz finding is added here.
/// </summary>
[Trait("Category", "Unit")]
public sealed class MalformedFrameCorpusTests
{
    private const string Decode = "amqp:decode-error";
    private const string Framing = "amqp:connection:framing-error";

    /// <summary>Name, frame type, frame body (the header is added), the condition, a fragment of the message.</summary>
    private static readonly (string Name, FrameType Type, string Body, string Condition, string Message)[] Corpus =
    [
        ("body not described", FrameType.Amqp, "45", Decode, "described"),
        ("descriptor is a string", FrameType.Amqp, "00 A1 01 78 45", Decode, "descriptor"),
        ("unknown performative code", FrameType.Amqp, "00 53 19 45", Framing, "not a performative"),
        ("unknown performative name", FrameType.Amqp, "00 A3 0E 61 6D 71 70 3A 6F 70 65 6E 3A 6D 61 70 45", Framing, "not a performative"),
        ("open in a SASL frame", FrameType.Sasl, "00 53 10 C0 03 01 A1 00", Framing, "SASL"),
        ("sasl-init in an AMQP frame", FrameType.Amqp, "00 53 41 C0 03 01 A3 00", Framing, "AMQP"),
        ("performative is not a list", FrameType.Amqp, "00 53 18 C1 01 00", Decode, "list"),
        ("open without container-id", FrameType.Amqp, "00 53 10 45", Decode, "'container-id'"),
        ("container-id is a uint", FrameType.Amqp, "00 53 10 C0 03 01 52 01", Decode, "string"),
        ("list size larger than the frame", FrameType.Amqp, "00 53 10 C0 10 01 A1 00", Decode, "more bytes"),
        ("list size smaller than its fields", FrameType.Amqp, "00 53 10 C0 02 01 A1 01 61", Decode, "size"),
        ("list count beyond its size", FrameType.Amqp, "00 53 10 C0 02 05 40", Decode, "elements"),
        ("list32 count beyond its size", FrameType.Amqp, "00 53 17 D0 00 00 00 04 FF FF FF FF", Decode, "elements"),
        ("list8 size zero", FrameType.Amqp, "00 53 17 C0 00", Decode, "size of 0"),
        ("string truncated", FrameType.Amqp, "00 53 10 C0 04 01 A1 05 61", Decode, "more bytes"),
        ("string32 length beyond frame", FrameType.Amqp, "00 53 10 C0 08 01 B1 7F FF FF FF 61", Decode, "more bytes"),
        ("string not UTF-8", FrameType.Amqp, "00 53 10 C0 04 01 A1 02 C3 28", Decode, "UTF-8"),
        ("symbol not ASCII", FrameType.Sasl, "00 53 41 C0 04 01 A3 01 E9", Decode, "ASCII"),
        ("boolean octet 2", FrameType.Amqp, "00 53 16 C0 04 02 43 56 02", Decode, "0x02"),
        ("unknown format code", FrameType.Amqp, "00 53 16 C0 03 02 43 57", Decode, "0x57"),
        ("reserved format code 0xff", FrameType.Amqp, "00 53 16 C0 02 01 FF", Decode, "0xff"),
        ("role is a uint", FrameType.Amqp, "00 53 15 C0 03 02 43 43", Decode, "boolean"),
        ("sender-settle-mode 3", FrameType.Amqp, "00 53 12 C0 08 04 A1 01 6C 43 42 50 03", Decode, "sender-settle-mode"),
        ("receiver-settle-mode 2", FrameType.Amqp, "00 53 12 C0 09 05 A1 01 6C 43 42 40 50 02", Decode, "receiver-settle-mode"),
        ("sasl-code 5", FrameType.Sasl, "00 53 44 C0 03 01 50 05", Decode, "sasl-code"),
        ("terminus durability 3", FrameType.Amqp, "00 53 12 C0 0E 06 A1 01 6C 43 41 40 40 00 53 28 C0 03 02 40 52 03", Decode, "durability"),
        ("unknown delivery state", FrameType.Amqp, "00 53 15 C0 09 05 41 43 40 40 00 53 38 45", Decode, "delivery state"),
        ("transactional-state without txn-id", FrameType.Amqp, "00 53 15 C0 09 05 41 43 40 40 00 53 34 45", Decode, "txn-id"),
        ("default-outcome is received", FrameType.Amqp, "00 53 12 C0 1A 06 A1 01 6C 43 41 40 40 00 53 28 C0 0C 09 40 40 40 40 40 40 40 40 00 53 23 C0 03 02 43 44", Decode, "outcome"),
        ("map with odd count", FrameType.Amqp, CloseWithInfo("C1 03 01 A3 00"), Decode, "odd"),
        ("map with duplicate key", FrameType.Amqp, CloseWithInfo("C1 09 04 A3 01 6B 40 A3 01 6B 40"), Decode, "repeats"),
        ("array count beyond size", FrameType.Sasl, "00 53 40 C0 06 01 E0 03 09 A3 00", Decode, "cannot fit"),
        ("array32 count beyond size", FrameType.Sasl, "00 53 40 C0 0B 01 F0 00 00 00 05 FF FF FF FF A3", Decode, "array32 claims"),
        ("array without constructor", FrameType.Sasl, "00 53 40 C0 04 01 E0 01 00", Decode, "constructor"),
        ("array of strings where symbols required", FrameType.Sasl, "00 53 40 C0 06 01 E0 04 01 A1 01 61", Decode, "symbols"),
        ("char is a surrogate", FrameType.Amqp, CloseWithInfo(Map("A3 01 6B", "73 00 00 D8 00")), Decode, "scalar"),
        ("values nested too deep", FrameType.Amqp, CloseWithInfo(Map("A3 01 6B", NestedLists(40))), Decode, "nested"),
        ("descriptors nested too deep", FrameType.Amqp, CloseWithInfo(Map("A3 01 6B", string.Concat(Enumerable.Repeat("00 53 01 ", 40)) + "40")), Decode, "nested"),
        ("transfer delivery-tag truncated", FrameType.Amqp, "00 53 14 C0 07 03 43 43 A0 08 01 02", Decode, "more bytes"),
    ];

    public static TheoryData<string> Names => [.. Corpus.Select(c => c.Name)];

    /// <summary>A close whose error carries <paramref name="info"/> (hex) as its info field.</summary>
    private static string CloseWithInfo(string info) =>
        "00 53 18 " + List("00 53 1D " + List("A3 00", "40", info));

    /// <summary>list8 of encoded elements, size and count computed.</summary>
    private static string List(params string[] elements) => Compound("C0", elements.Length, string.Join(' ', elements));

    private static string Map(string key, string value) => Compound("C1", 2, key + " " + value);

    private static string NestedLists(int depth)
    {
        var value = "45";
        for (var i = 0; i < depth; i++)
        {
            value = List(value);
        }
        return value;
    }

    private static string Compound(string code, int count, string elements)
    {
        var length = Hex.Parse(elements).Length;
        return $"{code} {length + 1:X2} {count:X2} {elements}";
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void TryRead_MalformedFrame_ThrowsAmqpDecodeExceptionWithCondition(string name)
    {
        var (_, type, body, condition, message) = Corpus.Single(c => c.Name == name);
        var bytes = PerformativeRoundTripTests.FrameOf(type, Hex.Parse(body));

        foreach (var input in new[] { new ReadOnlySequence<byte>(bytes), Sequences.ByteByByte(bytes) })
        {
            var buffer = input;
            var act = () => new AmqpFrameReader().TryRead(ref buffer, uint.MaxValue, out _);

            act.Should().Throw<AmqpDecodeException>()
                .Where(e => e.Condition.Value == condition, $"'{name}' closes the connection with {condition}")
                .Where(e => e.Message.Contains(message, StringComparison.OrdinalIgnoreCase), $"the description of '{name}' mentions \"{message}\"");
        }
    }
}
