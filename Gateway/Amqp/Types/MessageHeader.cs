namespace Gateway.Amqp.Types;

/// <summary>
/// The header section (Part 3 §3.2.1): transport headers of a message, which intermediaries may change (the broker
/// raises <see cref="DeliveryCount"/> on redelivery), so it is the one section re-encoded rather than passed through.
/// <code>
/// &lt;type name="header" class="composite" source="list" provides="section"&gt;
///   &lt;descriptor name="amqp:header:list" code="0x00000000:0x00000070"/&gt;
///   durable boolean (false) | priority ubyte (4) | ttl milliseconds | first-acquirer boolean (false) | delivery-count uint (0)
/// </code>
/// </summary>
public sealed class MessageHeader : AmqpComposite
{
    public const ulong Code = 0x70;
    public const string Name = "amqp:header:list";

    /// <summary>The priority when none is given (§3.2.1).</summary>
    public const byte DefaultPriority = 4;

    private static readonly string[] Fields = ["durable", "priority", "ttl", "first-acquirer", "delivery-count"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public bool Durable { get; set; }

    public byte Priority { get; set; } = DefaultPriority;

    /// <summary>Time to live in milliseconds; null when the message does not expire.</summary>
    public uint? Ttl { get; set; }

    public bool FirstAcquirer { get; set; }

    public uint DeliveryCount { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteBoolean(Durable ? true : null);
                break;
            case 1:
                if (Priority == DefaultPriority)
                {
                    writer.WriteNull();
                }
                else
                {
                    writer.WriteUByte(Priority);
                }
                break;
            case 2:
                writer.WriteUInt(Ttl);
                break;
            case 3:
                writer.WriteBoolean(FirstAcquirer ? true : null);
                break;
            default:
                writer.WriteUInt(DeliveryCount == 0 ? null : DeliveryCount);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Durable = reader.ReadBoolean();
                break;
            case 1:
                Priority = reader.ReadUByte();
                break;
            case 2:
                Ttl = reader.ReadUInt();
                break;
            case 3:
                FirstAcquirer = reader.ReadBoolean();
                break;
            default:
                DeliveryCount = reader.ReadUInt();
                break;
        }
    }
}
