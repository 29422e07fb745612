using System.Buffers.Binary;
using System.Text;

namespace Gateway.Amqp.Types;

/// <summary>
/// Array elements (Part 1 §1.2): one constructor for the whole array, then bodies without constructors. The element
/// encoding is the smallest one that every element fits.
/// </summary>
public ref partial struct AmqpWriter
{
    private static byte ChooseElementCode(AmqpArray array)
    {
        switch (array.ElementType)
        {
            case AmqpType.Null:
                return FormatCode.Null;
            case AmqpType.Boolean:
                return FormatCode.Boolean;
            case AmqpType.UByte:
                return FormatCode.UByte;
            case AmqpType.UShort:
                return FormatCode.UShort;
            case AmqpType.UInt:
                return All(array, static v => v.Bits <= byte.MaxValue) ? FormatCode.SmallUInt : FormatCode.UInt;
            case AmqpType.ULong:
                return All(array, static v => v.Bits <= byte.MaxValue) ? FormatCode.SmallULong : FormatCode.ULong;
            case AmqpType.Byte:
                return FormatCode.Byte;
            case AmqpType.Short:
                return FormatCode.Short;
            case AmqpType.Int:
                return All(array, static v => unchecked((int)v.Bits) is >= sbyte.MinValue and <= sbyte.MaxValue) ? FormatCode.SmallInt : FormatCode.Int;
            case AmqpType.Long:
                return All(array, static v => unchecked((long)v.Bits) is >= sbyte.MinValue and <= sbyte.MaxValue) ? FormatCode.SmallLong : FormatCode.Long;
            case AmqpType.Float:
                return FormatCode.Float;
            case AmqpType.Double:
                return FormatCode.Double;
            case AmqpType.Decimal32:
                return FormatCode.Decimal32;
            case AmqpType.Decimal64:
                return FormatCode.Decimal64;
            case AmqpType.Decimal128:
                return FormatCode.Decimal128;
            case AmqpType.Char:
                return FormatCode.Char;
            case AmqpType.Timestamp:
                return FormatCode.Timestamp;
            case AmqpType.Uuid:
                return FormatCode.Uuid;
            case AmqpType.Binary:
                return All(array, static v => v.ReferenceLength <= byte.MaxValue) ? FormatCode.Binary8 : FormatCode.Binary32;
            case AmqpType.String:
                return All(array, static v => Utf8Length(v.ReferenceString) <= byte.MaxValue) ? FormatCode.String8 : FormatCode.String32;
            case AmqpType.Symbol:
                return All(array, static v => v.ReferenceLength <= byte.MaxValue) ? FormatCode.Symbol8 : FormatCode.Symbol32;
            case AmqpType.List:
                return All(array, static v => !IsWide(v.AsList().Count, MeasureElements(v.AsList()))) ? FormatCode.List8 : FormatCode.List32;
            case AmqpType.Map:
                return All(array, static v => !IsWide(v.AsMap().Count * 2, MeasureElements(v.AsMap()))) ? FormatCode.Map8 : FormatCode.Map32;
            case AmqpType.Array:
                return All(array, static v => !IsWide(v.AsArray().Count, MeasureArrayElements(v.AsArray(), ChooseElementCode(v.AsArray())))) ? FormatCode.Array8 : FormatCode.Array32;
            default:
                throw new ArgumentException($"An array cannot hold {array.ElementType}.", nameof(array));
        }
    }

    private static bool All(AmqpArray array, Func<AmqpValue, bool> predicate)
    {
        foreach (var item in array)
        {
            if (!predicate(item))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>A value's body for the given constructor, without the constructor.</summary>
    private void WriteValueBody(in AmqpValue value, byte code)
    {
        switch (code)
        {
            case FormatCode.Null:
            case FormatCode.BooleanTrue:
            case FormatCode.BooleanFalse:
            case FormatCode.UInt0:
            case FormatCode.ULong0:
            case FormatCode.List0:
                return;
            case FormatCode.Boolean:
                WriteRawByte(value.Bits != 0 ? (byte)1 : (byte)0);
                return;
            case FormatCode.UByte:
            case FormatCode.Byte:
            case FormatCode.SmallUInt:
            case FormatCode.SmallULong:
            case FormatCode.SmallInt:
            case FormatCode.SmallLong:
                WriteRawByte(unchecked((byte)value.Bits));
                return;
            case FormatCode.UShort:
            case FormatCode.Short:
                if (TryBegin(2, out var two))
                {
                    BinaryPrimitives.WriteUInt16BigEndian(two, unchecked((ushort)value.Bits));
                    Commit(2);
                }
                return;
            case FormatCode.UInt:
            case FormatCode.Int:
            case FormatCode.Float:
            case FormatCode.Decimal32:
            case FormatCode.Char:
                if (TryBegin(4, out var four))
                {
                    BinaryPrimitives.WriteUInt32BigEndian(four, unchecked((uint)value.Bits));
                    Commit(4);
                }
                return;
            case FormatCode.ULong:
            case FormatCode.Long:
            case FormatCode.Double:
            case FormatCode.Decimal64:
            case FormatCode.Timestamp:
                if (TryBegin(8, out var eight))
                {
                    BinaryPrimitives.WriteUInt64BigEndian(eight, value.Bits);
                    Commit(8);
                }
                return;
            case FormatCode.Decimal128:
            case FormatCode.Uuid:
                if (TryBegin(16, out var sixteen))
                {
                    BinaryPrimitives.WriteUInt64BigEndian(sixteen, value.Bits);
                    BinaryPrimitives.WriteUInt64BigEndian(sixteen[8..], value.Bits2);
                    Commit(16);
                }
                return;
            case FormatCode.Binary8:
            case FormatCode.Binary32:
                WriteSize(code == FormatCode.Binary32, value.ReferenceLength);
                WriteRaw(value.ReferenceBytes);
                return;
            case FormatCode.String8:
            case FormatCode.String32:
                var text = value.ReferenceString;
                var length = Utf8Length(text);
                WriteSize(code == FormatCode.String32, length);
                if (_output is null)
                {
                    _written += length;
                }
                else if (length > 0)
                {
                    _written += StrictUtf8.GetBytes(text.AsSpan(), _output);
                }
                return;
            case FormatCode.Symbol8:
            case FormatCode.Symbol32:
                WriteSize(code == FormatCode.Symbol32, value.ReferenceLength);
                WriteAscii(value.ReferenceString);
                return;
            case FormatCode.List8:
            case FormatCode.List32:
                var list = value.AsList();
                WriteListBody(list, code == FormatCode.List32, MeasureElements(list));
                return;
            case FormatCode.Map8:
            case FormatCode.Map32:
                var map = value.AsMap();
                WriteMapBody(map, code == FormatCode.Map32, MeasureElements(map));
                return;
            case FormatCode.Array8:
            case FormatCode.Array32:
                var array = value.AsArray();
                var elementCode = ChooseElementCode(array);
                WriteArrayBody(array, elementCode, code == FormatCode.Array32, MeasureArrayElements(array, elementCode));
                return;
            default:
                throw new ArgumentException($"0x{code:x2} is not an element constructor.", nameof(code));
        }
    }
}
