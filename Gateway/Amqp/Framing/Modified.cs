using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// modified (Part 3 §3.4.5): not acted upon, and the message should be modified at the node as described.
/// <code>
/// &lt;descriptor name="amqp:modified:list" code="0x00000000:0x00000027"/&gt;
/// delivery-failed boolean | undeliverable-here boolean | message-annotations fields
/// </code>
/// </summary>
public sealed class Modified : Outcome
{
    public const ulong Code = 0x27;
    public const string Name = "amqp:modified:list";

    private static readonly string[] Fields = ["delivery-failed", "undeliverable-here", "message-annotations"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>"If the delivery-failed flag is set, any messages modified MUST have their delivery-count incremented."</summary>
    public bool? DeliveryFailed { get; set; }

    /// <summary>"If the undeliverable-here is set, then any messages released MUST NOT be redelivered to the modifying link endpoint."</summary>
    public bool? UndeliverableHere { get; set; }

    /// <summary>Annotations to combine with the message's message-annotations.</summary>
    public AmqpMap? MessageAnnotations { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteBoolean(DeliveryFailed);
                break;
            case 1:
                writer.WriteBoolean(UndeliverableHere);
                break;
            default:
                writer.WriteMap(MessageAnnotations);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                DeliveryFailed = reader.ReadBoolean();
                break;
            case 1:
                UndeliverableHere = reader.ReadBoolean();
                break;
            default:
                MessageAnnotations = reader.ReadMap();
                break;
        }
    }
}
