using System.Buffers;
using System.Text;
using Gateway.Amqp.Types;
using Gateway.Tests.Support;

namespace Gateway.Tests.Amqp;

/// <summary>The value model: typed accessors, exact equality, the map and array rules of Part 1 §1.6.23-24.</summary>
[Trait("Category", "Unit")]
public sealed class ValueModelTests
{
    public static TheoryData<string> Types => [.. Enum.GetNames<AmqpType>()];

    [Theory]
    [MemberData(nameof(Types))]
    public void RoundTrip_EveryType_DecodesEqualValueOfSameType(string typeName)
    {
        var type = Enum.Parse<AmqpType>(typeName);
        var value = Sample(type);

        var decoded = AmqpWire.Decode(AmqpWire.Encode(value));

        decoded.Type.Should().Be(type);
        decoded.Should().Be(value);
        decoded.GetHashCode().Should().Be(value.GetHashCode());
    }

    [Fact]
    public void Accessors_EachType_ReturnTheValue()
    {
        ((AmqpValue)true).AsBoolean().Should().BeTrue();
        ((AmqpValue)(byte)7).AsUByte().Should().Be(7);
        ((AmqpValue)(ushort)7).AsUShort().Should().Be(7);
        ((AmqpValue)7u).AsUInt().Should().Be(7u);
        ((AmqpValue)7ul).AsULong().Should().Be(7ul);
        ((AmqpValue)(sbyte)-7).AsByte().Should().Be(-7);
        ((AmqpValue)(short)-7).AsShort().Should().Be(-7);
        ((AmqpValue)(-7)).AsInt().Should().Be(-7);
        ((AmqpValue)(-7L)).AsLong().Should().Be(-7L);
        ((AmqpValue)1.5f).AsFloat().Should().Be(1.5f);
        ((AmqpValue)1.5).AsDouble().Should().Be(1.5);
        ((AmqpValue)new AmqpDecimal32(1)).AsDecimal32().Should().Be(new AmqpDecimal32(1));
        ((AmqpValue)new AmqpDecimal64(1)).AsDecimal64().Should().Be(new AmqpDecimal64(1));
        ((AmqpValue)new AmqpDecimal128(1, 2)).AsDecimal128().Should().Be(new AmqpDecimal128(1, 2));
        ((AmqpValue)new Rune(0x1F600)).AsChar().Should().Be(new Rune(0x1F600));
        ((AmqpValue)new AmqpTimestamp(5)).AsTimestamp().Should().Be(new AmqpTimestamp(5));
        var guid = Guid.NewGuid();
        ((AmqpValue)guid).AsUuid().Should().Be(guid);
        ((AmqpValue)new byte[] { 1 }).AsBinary().ToArray().Should().Equal(1);
        ((AmqpValue)"s").AsString().Should().Be("s");
        ((AmqpValue)new AmqpSymbol("s")).AsSymbol().Should().Be(new AmqpSymbol("s"));
    }

    [Fact]
    public void Accessor_WrongType_ThrowsInvalidOperation()
    {
        var act = () => ((AmqpValue)"s").AsUInt();

        act.Should().Throw<InvalidOperationException>().WithMessage("*String*UInt*");
    }

    [Fact]
    public void Equals_SameNumberDifferentTypes_AreNotEqual()
    {
        ((AmqpValue)1u).Should().NotBe((AmqpValue)1ul);
        ((AmqpValue)1).Should().NotBe((AmqpValue)1L);
        ((AmqpValue)"a").Should().NotBe((AmqpValue)new AmqpSymbol("a"));
    }

    [Fact]
    public void Equals_NaNWithSameBits_AreEqual()
    {
        ((AmqpValue)double.NaN).Should().Be((AmqpValue)double.NaN);
        ((AmqpValue)0.0).Should().NotBe((AmqpValue)(-0.0), "values compare by their bits");
    }

    [Fact]
    public void Map_AddDuplicateKey_Throws()
    {
        var map = new AmqpMap { { "k", 1 } };

        var act = () => map.Add("k", 2);

        act.Should().Throw<ArgumentException>();
        map.TryAdd("k", 2).Should().BeFalse();
    }

    [Fact]
    public void Map_OrderMatters_ForEquality()
    {
        var ab = new AmqpMap { { "a", 1 }, { "b", 2 } };
        var ba = new AmqpMap { { "b", 2 }, { "a", 1 } };

        ab.Equals(ba).Should().BeFalse("Part 1 §1.6.23: maps are ordered unless known otherwise");
    }

    [Fact]
    public void Map_ManyEntries_LooksUpByKey()
    {
        var map = new AmqpMap();
        for (var i = 0; i < 100; i++)
        {
            map.Add(i, $"v{i}");
        }

        map[57].Should().Be((AmqpValue)"v57");
        map.ContainsKey(100).Should().BeFalse();
        map.TryAdd(99, "again").Should().BeFalse();
        AmqpWire.Decode(AmqpWire.Encode(map)).AsMap().Should().Equal(map);
    }

    [Fact]
    public void Array_AddOtherType_Throws()
    {
        var array = new AmqpArray(AmqpType.Symbol);

        var act = () => array.Add("string, not symbol");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Symbol_NonAscii_Throws()
    {
        var act = () => new AmqpSymbol("é");

        act.Should().Throw<ArgumentException>();
    }

    [Fact]
    public void Timestamp_ConvertsToDateTimeOffset()
    {
        // Part 1 §1.6.17: "1311704463521 represents the moment 2011-07-26T18:21:03.521Z".
        new AmqpTimestamp(1311704463521).ToDateTimeOffset().Should().Be(DateTimeOffset.Parse("2011-07-26T18:21:03.521Z", System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void ReadRawValue_NestedValue_ReturnsItsExactBytes()
    {
        // An empty map32 (a non-minimal encoding) inside a list, then a null: sliced as it is, not re-encoded.
        var bytes = Hex.Parse("C0 0B 02 D1 00 00 00 04 00 00 00 00 40");

        var slice = AmqpWire.Read(bytes, (ref AmqpReader r) =>
        {
            r.ReadListHeader(out _);
            var raw = r.ReadRawValue().ToArray();
            r.SkipValue();
            return raw;
        });

        slice.Should().Equal(Hex.Parse("D1 00 00 00 04 00 00 00 00"));
    }

    private static AmqpValue Sample(AmqpType type) => type switch
    {
        AmqpType.Null => AmqpValue.Null,
        AmqpType.Boolean => true,
        AmqpType.UByte => (byte)200,
        AmqpType.UShort => (ushort)60000,
        AmqpType.UInt => 70000u,
        AmqpType.ULong => ulong.MaxValue - 1,
        AmqpType.Byte => (sbyte)-100,
        AmqpType.Short => (short)-30000,
        AmqpType.Int => -70000,
        AmqpType.Long => long.MinValue,
        AmqpType.Float => float.Epsilon,
        AmqpType.Double => double.MaxValue,
        AmqpType.Decimal32 => new AmqpDecimal32(0x12345678),
        AmqpType.Decimal64 => new AmqpDecimal64(0x123456789ABCDEF0),
        AmqpType.Decimal128 => new AmqpDecimal128(ulong.MaxValue, 1),
        AmqpType.Char => new Rune(0x10FFFF),
        AmqpType.Timestamp => new AmqpTimestamp(long.MaxValue),
        AmqpType.Uuid => Guid.Parse("f81d4fae-7dec-11d0-a765-00a0c91e6bf6"),
        AmqpType.Binary => new byte[] { 0, 255 },
        AmqpType.String => "héllo wörld 😀",
        AmqpType.Symbol => new AmqpSymbol("amqp:accepted:list"),
        AmqpType.List => new AmqpList { 1, "two", new AmqpList { 3.0 } },
        AmqpType.Map => new AmqpMap { { new AmqpSymbol("k"), new AmqpMap { { 1, AmqpValue.Null } } } },
        AmqpType.Array => new AmqpArray(AmqpType.Int) { 1, -1000, int.MaxValue },
        _ => new AmqpDescribed(new AmqpDescriptor(new AmqpSymbol("com.example:thing")), new AmqpList { 1 }),
    };
}
