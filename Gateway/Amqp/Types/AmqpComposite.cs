using System.Numerics;

namespace Gateway.Amqp.Types;

/// <summary>
/// A composite type (Part 1 §1.4, <c>class="composite" source="list"</c>): a described list whose elements are the
/// type's fields in order. Performatives, delivery states, terminus and message sections are composites.
/// <code>
/// 0x00 | descriptor (smallulong code) | list0/list8/list32 | field 0 | field 1 | ... | last non-null field
/// </code>
/// </summary>
/// <remarks>
/// Encoding omits trailing null fields ("when the trailing elements of a list are null they MAY be omitted") and writes
/// a field equal to its default as null. Decoding treats an absent or null field as its default, ignores fields past
/// the ones this version knows, and checks the mandatory fields in one place, <see cref="ReadFields"/>.
/// </remarks>
public abstract class AmqpComposite
{
    /// <summary>The numeric descriptor (domain 0x00000000, the OASIS-defined types).</summary>
    public abstract ulong DescriptorCode { get; }

    /// <summary>The symbolic descriptor, e.g. <c>amqp:open:list</c>.</summary>
    public abstract string DescriptorName { get; }

    /// <summary>The spec's field names, in order; their count is the number of fields.</summary>
    private protected abstract string[] FieldNames { get; }

    /// <summary>Bit <c>i</c> set when field <c>i</c> is <c>mandatory="true"</c>.</summary>
    private protected virtual uint MandatoryFields => 0;

    public override string ToString() => DescriptorName;

    /// <summary>Writes field <paramref name="index"/>, or null when it is absent or equal to its default.</summary>
    private protected abstract void WriteField(ref AmqpWriter writer, int index);

    /// <summary>Reads field <paramref name="index"/>, which is present and not null.</summary>
    private protected abstract void ReadField(ref AmqpReader reader, int index);

    /// <summary>Descriptor, list header and fields up to the last non-null one.</summary>
    /// <exception cref="InvalidOperationException">A mandatory field is null.</exception>
    internal void Write(ref AmqpWriter writer)
    {
        var names = FieldNames;
        var mandatory = MandatoryFields;
        var sizer = AmqpWriter.CreateMeasuring();
        var count = 0;
        var length = 0L;
        for (var i = 0; i < names.Length; i++)
        {
            var start = sizer.BytesWritten;
            WriteField(ref sizer, i);
            if (!sizer.WroteOnlyNullSince(start))
            {
                count = i + 1;
                length = sizer.BytesWritten;
            }
            else if ((mandatory & (1u << i)) != 0)
            {
                throw new InvalidOperationException($"{DescriptorName}: the mandatory field '{names[i]}' is null.");
            }
        }

        writer.WriteDescriptor(DescriptorCode);
        writer.WriteListHeader(count, checked((int)length));
        for (var i = 0; i < count; i++)
        {
            WriteField(ref writer, i);
        }
    }

    /// <summary>Reads the list of fields that follows the descriptor (already consumed and matched).</summary>
    internal void ReadFields(ref AmqpReader reader)
    {
        var names = FieldNames;
        var count = reader.ReadListHeader(out var length);
        var end = reader.Consumed + length;
        var present = 0u;
        for (var i = 0; i < count; i++)
        {
            if (reader.TryReadNull())
            {
                continue;
            }
            if (i >= names.Length)
            {
                // A later version's field: ignored, as a list's extra elements carry nothing this version defines.
                reader.SkipValue();
                continue;
            }
            ReadField(ref reader, i);
            present |= 1u << i;
        }
        if (reader.Consumed != end)
        {
            AmqpThrow.Decode(AmqpThrow.Format("{0}: the list size does not match its fields.", DescriptorName));
        }

        // Part 1 §1.4: a mandatory field "MUST NOT be null" - the one place it is checked.
        var missing = MandatoryFields & ~present;
        if (missing != 0)
        {
            AmqpThrow.MissingMandatoryField(DescriptorName, names[BitOperations.TrailingZeroCount(missing)]);
        }
    }
}
