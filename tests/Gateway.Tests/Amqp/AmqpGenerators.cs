using System.Buffers.Binary;
using System.Text;
using FsCheck;
using FsCheck.Fluent;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>FsCheck generators: random AMQP values of every type, and hostile frames.</summary>
internal static class AmqpGenerators
{
    private static readonly string[] Words = ["", "a", "queue://orders", "é", "日本語", "😀", "\uFEFF", "x y", new string('z', 300)];

    private static readonly AmqpType[] ScalarTypes =
    [
        AmqpType.Null, AmqpType.Boolean, AmqpType.UByte, AmqpType.UShort, AmqpType.UInt, AmqpType.ULong, AmqpType.Byte,
        AmqpType.Short, AmqpType.Int, AmqpType.Long, AmqpType.Float, AmqpType.Double, AmqpType.Decimal32,
        AmqpType.Decimal64, AmqpType.Decimal128, AmqpType.Char, AmqpType.Timestamp, AmqpType.Uuid, AmqpType.Binary,
        AmqpType.String, AmqpType.Symbol,
    ];

    public static Gen<byte[]> Bytes() => ArbMap.Default.GeneratorFor<byte[]>();

    /// <summary>64 random bits, or a small number: both ends of every integer encoding get exercised.</summary>
    public static Gen<ulong> Bits() =>
        Gen.OneOf(
            Gen.Choose(0, 300).Select(v => (ulong)v),
            Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(8).Select(b => BinaryPrimitives.ReadUInt64BigEndian(b)),
            Gen.Elements(0ul, ulong.MaxValue, (ulong)long.MaxValue, 1ul << 63, uint.MaxValue, (ulong)uint.MaxValue + 1));

    public static Gen<string> Text() =>
        Gen.OneOf(
            Gen.Elements(Words),
            Gen.Choose(0, 0x10FFFF).Where(Rune.IsValid).Select(c => new Rune(c).ToString()).ListOf(6).Select(string.Concat));

    public static Gen<AmqpSymbol> Symbol() =>
        Gen.OneOf(
            Gen.Elements("", "amqp:accepted:list", "x-opt-jms-dest", "PLAIN", new string('s', 300)),
            Gen.Choose(0, 127).Select(c => (char)c).ArrayOf().Select(chars => new string(chars)))
        .Select(s => new AmqpSymbol(s));

    public static Gen<AmqpValue> Scalar(AmqpType type) => type switch
    {
        AmqpType.Null => Gen.Constant(AmqpValue.Null),
        AmqpType.Boolean => Gen.Elements(true, false).Select(v => (AmqpValue)v),
        AmqpType.UByte => Bits().Select(v => (AmqpValue)(byte)v),
        AmqpType.UShort => Bits().Select(v => (AmqpValue)(ushort)v),
        AmqpType.UInt => Bits().Select(v => (AmqpValue)(uint)v),
        AmqpType.ULong => Bits().Select(v => (AmqpValue)v),
        AmqpType.Byte => Bits().Select(v => (AmqpValue)unchecked((sbyte)v)),
        AmqpType.Short => Bits().Select(v => (AmqpValue)unchecked((short)v)),
        AmqpType.Int => Bits().Select(v => (AmqpValue)unchecked((int)v)),
        AmqpType.Long => Bits().Select(v => (AmqpValue)unchecked((long)v)),
        AmqpType.Float => Bits().Select(v => (AmqpValue)BitConverter.UInt32BitsToSingle((uint)v)),
        AmqpType.Double => Bits().Select(v => (AmqpValue)BitConverter.UInt64BitsToDouble(v)),
        AmqpType.Decimal32 => Bits().Select(v => (AmqpValue)new AmqpDecimal32((uint)v)),
        AmqpType.Decimal64 => Bits().Select(v => (AmqpValue)new AmqpDecimal64(v)),
        AmqpType.Decimal128 => Gen.Zip(Bits(), Bits()).Select(p => (AmqpValue)new AmqpDecimal128(p.Item1, p.Item2)),
        AmqpType.Char => Gen.Choose(0, 0x10FFFF).Where(Rune.IsValid).Select(c => (AmqpValue)new Rune(c)),
        AmqpType.Timestamp => Bits().Select(v => (AmqpValue)new AmqpTimestamp(unchecked((long)v))),
        AmqpType.Uuid => Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(16).Select(b => (AmqpValue)new Guid(b)),
        AmqpType.Binary => Bytes().Select(b => (AmqpValue)b),
        AmqpType.String => Text().Select(s => (AmqpValue)s),
        _ => Symbol().Select(s => (AmqpValue)s),
    };

    public static Gen<AmqpValue> Scalar() => Gen.Elements(ScalarTypes).SelectMany(Scalar);

    /// <summary>Any value, compound ones nested up to <paramref name="depth"/> levels.</summary>
    public static Gen<AmqpValue> Value(int depth = 3)
    {
        if (depth == 0)
        {
            return Scalar();
        }
        var inner = Value(depth - 1);
        return Gen.Frequency(
            (6, Scalar()),
            (1, inner.ListOf(5).Select(items => (AmqpValue)new AmqpList(items))),
            (1, Gen.Zip(inner, inner).ListOf(4).Select(BuildMap)),
            (1, Array(depth - 1)),
            (1, Gen.Zip(Descriptor(), inner).Select(p => (AmqpValue)new AmqpDescribed(p.Item1, p.Item2))));
    }

    public static Gen<AmqpDescriptor> Descriptor() =>
        Gen.OneOf(Bits().Select(c => new AmqpDescriptor(c)), Symbol().Select(s => new AmqpDescriptor(s)));

    /// <summary>Frames with a valid header around a random or half-valid body: the decoder's hostile input.</summary>
    public static Gen<byte[]> HostileFrames() =>
        from type in Gen.Elements(FrameType.Amqp, FrameType.Sasl)
        from code in Gen.Elements<byte>(0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17, 0x18, 0x40, 0x41, 0x42, 0x43, 0x44, 0x23, 0x99)
        from described in Gen.Elements(true, false)
        from body in Bytes()
        select Frame(type, described ? [0x00, 0x53, code, .. body] : body);

    /// <summary>Valid sample frames with a few bytes overwritten, removed or appended.</summary>
    public static Gen<byte[]> MutatedFrames()
    {
        var samples = AmqpSamples.PerformativeNames.Select(n => AmqpWire.Frame(AmqpSamples.Performative(n))).ToArray();
        return from sample in Gen.Elements(samples)
               from edits in Gen.Zip(Gen.Choose(0, 10_000), Gen.Choose(0, 255)).ListOf(3)
               from cut in Gen.Choose(0, 3)
               select Mutate(sample, edits, cut);
    }

    private static byte[] Frame(FrameType type, byte[] body)
    {
        var frame = new byte[8 + body.Length];
        new FrameHeader((uint)frame.Length, 2, type, 0).Write(frame);
        body.CopyTo(frame, 8);
        return frame;
    }

    private static byte[] Mutate(byte[] bytes, IEnumerable<(int Position, int Value)> edits, int cut)
    {
        var copy = bytes.ToArray();
        foreach (var (position, value) in edits)
        {
            // Leave the size field alone half the time so the body parser, not the header check, meets the damage.
            var index = 4 + (position % (copy.Length - 4));
            copy[index] = (byte)value;
        }
        return cut == 0 ? copy : copy[..^Math.Min(cut, copy.Length - 8)];
    }

    private static Gen<AmqpValue> Array(int depth) =>
        from elementType in Gen.Elements([.. ScalarTypes, AmqpType.List])
        from items in (elementType == AmqpType.List ? Value(depth).ListOf(3).Select(i => (AmqpValue)new AmqpList(i)) : Scalar(elementType)).ListOf(5)
        from descriptor in Gen.Frequency((4, Gen.Constant<AmqpDescriptor?>(null)), (1, Descriptor().Select(d => (AmqpDescriptor?)d)))
        select BuildArray(elementType, descriptor, items);

    private static AmqpValue BuildArray(AmqpType elementType, AmqpDescriptor? descriptor, IEnumerable<AmqpValue> items)
    {
        var array = new AmqpArray(elementType, descriptor);
        foreach (var item in items)
        {
            array.Add(item);
        }
        return array;
    }

    private static AmqpValue BuildMap(IEnumerable<(AmqpValue Key, AmqpValue Value)> entries)
    {
        var map = new AmqpMap();
        foreach (var (key, value) in entries)
        {
            map.TryAdd(key, value);
        }
        return map;
    }
}
