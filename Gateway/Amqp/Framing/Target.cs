using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// target (Part 3 §3.5.4): the terminus messages go to.
/// <code>
/// &lt;descriptor name="amqp:target:list" code="0x00000000:0x00000029"/&gt;
/// address * | durable terminus-durability (none) | expiry-policy terminus-expiry-policy (session-end) |
/// timeout seconds (0) | dynamic boolean (false) | dynamic-node-properties node-properties | capabilities symbol[]
/// </code>
/// </summary>
public sealed class Target : AmqpComposite
{
    public const ulong Code = 0x29;
    public const string Name = "amqp:target:list";

    private static readonly string[] Fields =
        ["address", "durable", "expiry-policy", "timeout", "dynamic", "dynamic-node-properties", "capabilities"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>The address-string of the node; null when the sender asks for a dynamic node.</summary>
    public string? Address { get; set; }

    public TerminusDurability Durable { get; set; }

    public AmqpSymbol ExpiryPolicy { get; set; } = TerminusExpiryPolicy.SessionEnd;

    public uint Timeout { get; set; }

    public bool Dynamic { get; set; }

    public AmqpMap? DynamicNodeProperties { get; set; }

    public AmqpSymbol[]? Capabilities { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteString(Address);
                break;
            case 1:
                writer.WriteUInt(Durable == TerminusDurability.None ? null : (uint)Durable);
                break;
            case 2:
                writer.WriteSymbol(ExpiryPolicy == TerminusExpiryPolicy.SessionEnd ? null : ExpiryPolicy);
                break;
            case 3:
                writer.WriteUInt(Timeout == 0 ? null : Timeout);
                break;
            case 4:
                writer.WriteBoolean(Dynamic ? true : null);
                break;
            case 5:
                writer.WriteMap(DynamicNodeProperties);
                break;
            default:
                writer.WriteSymbolMultiple(Capabilities);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Address = reader.ReadString();
                break;
            case 1:
                Durable = FieldCodec.ReadDurability(ref reader);
                break;
            case 2:
                ExpiryPolicy = reader.ReadSymbol();
                break;
            case 3:
                Timeout = reader.ReadUInt();
                break;
            case 4:
                Dynamic = reader.ReadBoolean();
                break;
            case 5:
                DynamicNodeProperties = reader.ReadMap();
                break;
            default:
                Capabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
        }
    }
}
