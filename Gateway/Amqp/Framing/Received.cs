using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// received (Part 3 §3.4.1): how much of a message has arrived, for resuming a partial delivery.
/// <code>
/// &lt;descriptor name="amqp:received:list" code="0x00000000:0x00000023"/&gt;
/// section-number uint (mandatory) | section-offset ulong (mandatory)
/// </code>
/// </summary>
public sealed class Received : DeliveryState
{
    public const ulong Code = 0x23;
    public const string Name = "amqp:received:list";

    private static readonly string[] Fields = ["section-number", "section-offset"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public uint SectionNumber { get; set; }

    public ulong SectionOffset { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b11;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        if (index == 0)
        {
            writer.WriteUInt(SectionNumber);
        }
        else
        {
            writer.WriteULong(SectionOffset);
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        if (index == 0)
        {
            SectionNumber = reader.ReadUInt();
        }
        else
        {
            SectionOffset = reader.ReadULong();
        }
    }
}
