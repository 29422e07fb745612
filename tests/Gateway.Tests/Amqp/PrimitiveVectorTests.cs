using System.Text;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>
/// Spec byte vectors (Part 1 §1.6) for every primitive type and every encoding: writing picks the smallest encoding,
/// reading accepts every encoding of the type.
/// </summary>
[Trait("Category", "Unit")]
public sealed class PrimitiveVectorTests
{
    /// <summary>Value and its smallest encoding: what the writer must produce (and the reader decode).</summary>
    private static readonly Dictionary<string, (AmqpValue Value, string Hex)> Smallest = new()
    {
        ["null"] = (AmqpValue.Null, "40"),
        ["boolean true"] = (true, "41"),
        ["boolean false"] = (false, "42"),
        ["ubyte 0"] = ((byte)0, "50 00"),
        ["ubyte 255"] = ((byte)255, "50 FF"),
        ["ushort 0x1234"] = ((ushort)0x1234, "60 12 34"),
        ["ushort max"] = (ushort.MaxValue, "60 FF FF"),
        ["uint 0 is uint0"] = (0u, "43"),
        ["uint 1 is smalluint"] = (1u, "52 01"),
        ["uint 255 is smalluint"] = (255u, "52 FF"),
        ["uint 256"] = (256u, "70 00 00 01 00"),
        ["uint max"] = (uint.MaxValue, "70 FF FF FF FF"),
        ["ulong 0 is ulong0"] = (0ul, "44"),
        ["ulong 255 is smallulong"] = (255ul, "53 FF"),
        ["ulong 256"] = (256ul, "80 00 00 00 00 00 00 01 00"),
        ["ulong max"] = (ulong.MaxValue, "80 FF FF FF FF FF FF FF FF"),
        ["byte -1"] = ((sbyte)-1, "51 FF"),
        ["byte min"] = (sbyte.MinValue, "51 80"),
        ["short -2"] = ((short)-2, "61 FF FE"),
        ["int 0 is smallint"] = (0, "54 00"),
        ["int -128 is smallint"] = (-128, "54 80"),
        ["int 127 is smallint"] = (127, "54 7F"),
        ["int 128"] = (128, "71 00 00 00 80"),
        ["int -129"] = (-129, "71 FF FF FF 7F"),
        ["int min"] = (int.MinValue, "71 80 00 00 00"),
        ["long 0 is smalllong"] = (0L, "55 00"),
        ["long -1 is smalllong"] = (-1L, "55 FF"),
        ["long 128"] = (128L, "81 00 00 00 00 00 00 00 80"),
        ["long max"] = (long.MaxValue, "81 7F FF FF FF FF FF FF FF"),
        ["float 1.0"] = (1.0f, "72 3F 80 00 00"),
        ["float -2.5"] = (-2.5f, "72 C0 20 00 00"),
        ["double 1.0"] = (1.0, "82 3F F0 00 00 00 00 00 00"),
        ["double 0.1"] = (0.1, "82 3F B9 99 99 99 99 99 9A"),
        ["decimal32"] = (new AmqpDecimal32(0x22500001), "74 22 50 00 01"),
        ["decimal64"] = (new AmqpDecimal64(0x2238000000000001), "84 22 38 00 00 00 00 00 01"),
        ["decimal128"] = (new AmqpDecimal128(0x2208000000000000, 0x0000000000000001), "94 22 08 00 00 00 00 00 00 00 00 00 00 00 00 00 01"),
        ["char A"] = (new Rune('A'), "73 00 00 00 41"),
        ["char U+1F600"] = (new Rune(0x1F600), "73 00 01 F6 00"),
        ["timestamp 2011-07-26T18:21:03.521Z"] = (new AmqpTimestamp(1311704463521), "83 00 00 01 31 67 AD B8 A1"),
        ["timestamp before epoch"] = (new AmqpTimestamp(-1311704463521), "83 FF FF FE CE 98 52 47 5F"),
        ["uuid"] = (Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"), "98 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF"),
        ["binary empty is vbin8"] = (Array.Empty<byte>(), "A0 00"),
        ["binary 3 is vbin8"] = (new byte[] { 1, 2, 3 }, "A0 03 01 02 03"),
        ["string empty is str8"] = (string.Empty, "A1 00"),
        ["string abc is str8"] = ("abc", "A1 03 61 62 63"),
        ["string é is two octets"] = ("é", "A1 02 C3 A9"),
        ["string 😀 is four octets"] = ("😀", "A1 04 F0 9F 98 80"),
        ["symbol empty is sym8"] = (default(AmqpSymbol), "A3 00"),
        ["symbol is sym8"] = (new AmqpSymbol("amqp:not-found"), "A3 0E 61 6D 71 70 3A 6E 6F 74 2D 66 6F 75 6E 64"),
        ["list empty is list0"] = (new AmqpList(), "45"),
        ["list of uint 1 is list8"] = (new AmqpList { 1u }, "C0 03 01 52 01"),
        ["list of null, true, string"] = (new AmqpList { AmqpValue.Null, true, "a" }, "C0 06 03 40 41 A1 01 61"),
        ["map empty is map8"] = (new AmqpMap(), "C1 01 00"),
        ["map symbol to string"] = (new AmqpMap { { new AmqpSymbol("k"), "v" } }, "C1 07 02 A3 01 6B A1 01 76"),
        ["array of smalluint"] = (UIntArray(1, 2), "E0 04 02 52 01 02"),
        ["array of uint"] = (UIntArray(1, 256), "E0 0A 02 70 00 00 00 01 00 00 01 00"),
        ["array of symbols, empty"] = (new AmqpArray(AmqpType.Symbol), "E0 02 00 A3"),
        ["array of symbols"] = (SymbolArray("a", "bc"), "E0 07 02 A3 01 61 02 62 63"),
        ["array of booleans"] = (BooleanArray(true, false), "E0 04 02 56 01 00"),
        ["array of described lists"] = (DescribedArray(), "E0 09 02 00 53 24 C0 01 00 01 00"),
        ["described accepted"] = (new AmqpDescribed(new AmqpDescriptor(0x24), new AmqpList()), "00 53 24 45"),
        ["described by symbol"] = (new AmqpDescribed(new AmqpDescriptor(new AmqpSymbol("x:y")), 5u), "00 A3 03 78 3A 79 52 05"),
    };

    /// <summary>Encodings the writer never chooses but a peer may send: each decodes to the given value.</summary>
    private static readonly Dictionary<string, (string Hex, AmqpValue Value)> OtherEncodings = new()
    {
        ["boolean 0x56 0x01"] = ("56 01", true),
        ["boolean 0x56 0x00"] = ("56 00", false),
        ["uint 0 as smalluint"] = ("52 00", 0u),
        ["uint 5 as uint"] = ("70 00 00 00 05", 5u),
        ["uint 0 as uint"] = ("70 00 00 00 00", 0u),
        ["ulong 5 as ulong"] = ("80 00 00 00 00 00 00 00 05", 5ul),
        ["ulong 0 as smallulong"] = ("53 00", 0ul),
        ["int 1 as int"] = ("71 00 00 00 01", 1),
        ["int -1 as int"] = ("71 FF FF FF FF", -1),
        ["long 1 as long"] = ("81 00 00 00 00 00 00 00 01", 1L),
        ["binary as vbin32"] = ("B0 00 00 00 02 AB CD", new byte[] { 0xAB, 0xCD }),
        ["string as str32"] = ("B1 00 00 00 01 61", "a"),
        ["symbol as sym32"] = ("B3 00 00 00 01 61", new AmqpSymbol("a")),
        ["empty list as list8"] = ("C0 01 00", new AmqpList()),
        ["empty list as list32"] = ("D0 00 00 00 04 00 00 00 00", new AmqpList()),
        ["list as list32"] = ("D0 00 00 00 06 00 00 00 01 52 07", new AmqpList { 7u }),
        ["map as map32"] = ("D1 00 00 00 09 00 00 00 02 A3 01 6B 52 01", new AmqpMap { { new AmqpSymbol("k"), 1u } }),
        ["array as array32"] = ("F0 00 00 00 07 00 00 00 02 52 01 02", UIntArray(1, 2)),
        ["array of uint0"] = ("E0 02 02 43", UIntArray(0, 0)),
        ["described with ulong descriptor"] = ("00 80 00 00 00 00 00 00 00 24 45", new AmqpDescribed(new AmqpDescriptor(0x24), new AmqpList())),
        ["described with ulong0 descriptor"] = ("00 44 40", new AmqpDescribed(new AmqpDescriptor(0), AmqpValue.Null)),
        ["described twice"] = ("00 53 01 00 53 02 40", new AmqpDescribed(new AmqpDescriptor(1), new AmqpDescribed(new AmqpDescriptor(2), AmqpValue.Null))),
    };

    public static TheoryData<string> SmallestNames => [.. Smallest.Keys];

    public static TheoryData<string> OtherEncodingNames => [.. OtherEncodings.Keys];

    [Theory]
    [MemberData(nameof(SmallestNames))]
    public void WriteValue_Primitive_WritesSmallestSpecEncoding(string name)
    {
        var (value, hex) = Smallest[name];

        Hex.Format(AmqpWire.Encode(value)).Should().Be(Hex.Format(Hex.Parse(hex)));
    }

    [Theory]
    [MemberData(nameof(SmallestNames))]
    public void ReadValue_SmallestEncoding_DecodesValue(string name)
    {
        var (value, hex) = Smallest[name];

        AmqpWire.Decode(Hex.Parse(hex)).Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(OtherEncodingNames))]
    public void ReadValue_OtherEncodingOfType_DecodesValue(string name)
    {
        var (hex, value) = OtherEncodings[name];

        AmqpWire.Decode(Hex.Parse(hex)).Should().Be(value);
    }

    [Theory]
    [MemberData(nameof(OtherEncodingNames))]
    public void SkipValue_OtherEncodingOfType_ConsumesWholeValue(string name)
    {
        var bytes = Hex.Parse(OtherEncodings[name].Hex);

        AmqpWire.Read(bytes, (ref AmqpReader r) =>
        {
            r.SkipValue();
            return r.Consumed;
        }).Should().Be(bytes.Length);
    }

    [Fact]
    public void WriteString_300Octets_UsesStr32()
    {
        var text = new string('x', 300);

        var bytes = AmqpWire.Encode(text);

        Hex.Format(bytes.AsSpan(0, 5)).Should().Be("B1 00 00 01 2C");
        bytes.Length.Should().Be(305);
        AmqpWire.Decode(bytes).Should().Be((AmqpValue)text);
    }

    [Fact]
    public void WriteBinary_256Octets_UsesVbin32()
    {
        var data = new byte[256];

        var bytes = AmqpWire.Encode(data);

        Hex.Format(bytes.AsSpan(0, 5)).Should().Be("B0 00 00 01 00");
        AmqpWire.Decode(bytes).AsBinary().ToArray().Should().Equal(data);
    }

    [Fact]
    public void WriteSymbol_256Characters_UsesSym32()
    {
        var symbol = new AmqpSymbol(new string('s', 256));

        var bytes = AmqpWire.Encode(symbol);

        Hex.Format(bytes.AsSpan(0, 5)).Should().Be("B3 00 00 01 00");
        AmqpWire.Decode(bytes).AsSymbol().Should().Be(symbol);
    }

    [Theory]
    [InlineData(254, "C0")]
    [InlineData(255, "D0")]
    public void WriteList_ElementsNearOctetLimit_SwitchesToList32(int stringLength, string expectedCode)
    {
        // One str8 element of n - 2 characters occupies n octets; list8's size octet counts them plus the count octet,
        // so n + 1 <= 255 fits list8.
        var list = new AmqpList { new string('a', stringLength - 2) };

        var bytes = AmqpWire.Encode(list);

        bytes[0].ToString("X2", System.Globalization.CultureInfo.InvariantCulture).Should().Be(expectedCode);
        AmqpWire.Decode(bytes).Should().Be((AmqpValue)list);
    }

    [Fact]
    public void WriteList_256Elements_UsesList32()
    {
        var list = new AmqpList(Enumerable.Repeat(AmqpValue.Null, 256));

        var bytes = AmqpWire.Encode(list);

        Hex.Format(bytes.AsSpan(0, 9)).Should().Be("D0 00 00 01 04 00 00 01 00");
        AmqpWire.Decode(bytes).Should().Be((AmqpValue)list);
    }

    [Fact]
    public void WriteArray_LongsBeyondSignedOctet_UsesLongElements()
    {
        var array = new AmqpArray(AmqpType.Long) { 1L, 1000L };

        Hex.Format(AmqpWire.Encode(array)).Should().Be("E0 12 02 81 00 00 00 00 00 00 00 01 00 00 00 00 00 00 03 E8");
    }

    [Fact]
    public void TypedReaders_EveryEncodingOfTheirType_ReturnValue()
    {
        AmqpWire.Read(Hex.Parse("43"), (ref AmqpReader r) => r.ReadUInt()).Should().Be(0u);
        AmqpWire.Read(Hex.Parse("52 09"), (ref AmqpReader r) => r.ReadUInt()).Should().Be(9u);
        AmqpWire.Read(Hex.Parse("70 01 00 00 00"), (ref AmqpReader r) => r.ReadUInt()).Should().Be(0x01000000u);
        AmqpWire.Read(Hex.Parse("44"), (ref AmqpReader r) => r.ReadULong()).Should().Be(0ul);
        AmqpWire.Read(Hex.Parse("53 09"), (ref AmqpReader r) => r.ReadULong()).Should().Be(9ul);
        AmqpWire.Read(Hex.Parse("80 00 00 00 01 00 00 00 00"), (ref AmqpReader r) => r.ReadULong()).Should().Be(0x100000000ul);
        AmqpWire.Read(Hex.Parse("41"), (ref AmqpReader r) => r.ReadBoolean()).Should().BeTrue();
        AmqpWire.Read(Hex.Parse("42"), (ref AmqpReader r) => r.ReadBoolean()).Should().BeFalse();
        AmqpWire.Read(Hex.Parse("56 01"), (ref AmqpReader r) => r.ReadBoolean()).Should().BeTrue();
        AmqpWire.Read(Hex.Parse("54 FE"), (ref AmqpReader r) => r.ReadInt()).Should().Be(-2);
        AmqpWire.Read(Hex.Parse("71 FF FF FF FE"), (ref AmqpReader r) => r.ReadInt()).Should().Be(-2);
        AmqpWire.Read(Hex.Parse("55 FE"), (ref AmqpReader r) => r.ReadLong()).Should().Be(-2L);
        AmqpWire.Read(Hex.Parse("51 FE"), (ref AmqpReader r) => r.ReadByte()).Should().Be(-2);
        AmqpWire.Read(Hex.Parse("61 FF FE"), (ref AmqpReader r) => r.ReadShort()).Should().Be(-2);
        AmqpWire.Read(Hex.Parse("50 FE"), (ref AmqpReader r) => r.ReadUByte()).Should().Be(254);
        AmqpWire.Read(Hex.Parse("60 FF FE"), (ref AmqpReader r) => r.ReadUShort()).Should().Be(65534);
        AmqpWire.Read(Hex.Parse("72 3F 80 00 00"), (ref AmqpReader r) => r.ReadFloat()).Should().Be(1.0f);
        AmqpWire.Read(Hex.Parse("82 3F F0 00 00 00 00 00 00"), (ref AmqpReader r) => r.ReadDouble()).Should().Be(1.0);
        AmqpWire.Read(Hex.Parse("74 00 00 00 01"), (ref AmqpReader r) => r.ReadDecimal32()).Should().Be(new AmqpDecimal32(1));
        AmqpWire.Read(Hex.Parse("84 00 00 00 00 00 00 00 01"), (ref AmqpReader r) => r.ReadDecimal64()).Should().Be(new AmqpDecimal64(1));
        AmqpWire.Read(Hex.Parse("94 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00 01"), (ref AmqpReader r) => r.ReadDecimal128()).Should().Be(new AmqpDecimal128(2, 1));
        AmqpWire.Read(Hex.Parse("73 00 00 00 41"), (ref AmqpReader r) => r.ReadChar()).Should().Be(new Rune('A'));
        AmqpWire.Read(Hex.Parse("83 00 00 00 00 00 00 00 01"), (ref AmqpReader r) => r.ReadTimestamp()).Should().Be(new AmqpTimestamp(1));
        AmqpWire.Read(Hex.Parse("98 00 11 22 33 44 55 66 77 88 99 AA BB CC DD EE FF"), (ref AmqpReader r) => r.ReadUuid())
            .Should().Be(Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"));
        AmqpWire.Read(Hex.Parse("A0 02 01 02"), (ref AmqpReader r) => r.ReadBinaryArray()).Should().Equal(1, 2);
        AmqpWire.Read(Hex.Parse("B0 00 00 00 02 01 02"), (ref AmqpReader r) => r.ReadBinaryArray()).Should().Equal(1, 2);
        AmqpWire.Read(Hex.Parse("A1 02 C3 A9"), (ref AmqpReader r) => r.ReadString()).Should().Be("é");
        AmqpWire.Read(Hex.Parse("B1 00 00 00 02 C3 A9"), (ref AmqpReader r) => r.ReadString()).Should().Be("é");
        AmqpWire.Read(Hex.Parse("A3 01 78"), (ref AmqpReader r) => r.ReadSymbol()).Should().Be(new AmqpSymbol("x"));
        AmqpWire.Read(Hex.Parse("B3 00 00 00 01 78"), (ref AmqpReader r) => r.ReadSymbol()).Should().Be(new AmqpSymbol("x"));
        AmqpWire.Read(Hex.Parse("A3 01 78"), (ref AmqpReader r) => r.ReadSymbolMultiple()).Should().Equal(new AmqpSymbol("x"));
        AmqpWire.Read(Hex.Parse("E0 05 02 A3 00 01 78"), (ref AmqpReader r) => r.ReadSymbolMultiple()).Should().Equal(default(AmqpSymbol), new AmqpSymbol("x"));
    }

    [Fact]
    public void TypedReader_OtherType_ThrowsDecodeErrorNamingBoth()
    {
        var act = () => AmqpWire.Read(Hex.Parse("A1 01 61"), (ref AmqpReader r) => r.ReadUInt());

        act.Should().Throw<AmqpDecodeException>()
            .Where(e => e.Condition == AmqpDecodeException.DecodeError && e.Message.Contains("uint", StringComparison.Ordinal) && e.Message.Contains("0xa1", StringComparison.Ordinal));
    }

    private static AmqpArray UIntArray(params uint[] values)
    {
        var array = new AmqpArray(AmqpType.UInt);
        foreach (var value in values)
        {
            array.Add(value);
        }
        return array;
    }

    private static AmqpArray SymbolArray(params string[] values)
    {
        var array = new AmqpArray(AmqpType.Symbol);
        foreach (var value in values)
        {
            array.Add(new AmqpSymbol(value));
        }
        return array;
    }

    private static AmqpArray BooleanArray(params bool[] values)
    {
        var array = new AmqpArray(AmqpType.Boolean);
        foreach (var value in values)
        {
            array.Add(value);
        }
        return array;
    }

    private static AmqpArray DescribedArray() =>
        new(AmqpType.List, new AmqpDescriptor(0x24)) { new AmqpList(), new AmqpList() };
}
