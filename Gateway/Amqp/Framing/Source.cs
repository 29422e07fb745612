using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// source (Part 3 §3.5.3): the terminus messages come from.
/// <code>
/// &lt;descriptor name="amqp:source:list" code="0x00000000:0x00000028"/&gt;
/// address * | durable terminus-durability (none) | expiry-policy terminus-expiry-policy (session-end) |
/// timeout seconds (0) | dynamic boolean (false) | dynamic-node-properties node-properties |
/// distribution-mode symbol | filter filter-set | default-outcome * | outcomes symbol[] | capabilities symbol[]
/// </code>
/// </summary>
public sealed class Source : Terminus
{
    public const ulong Code = 0x28;
    public const string Name = "amqp:source:list";

    private static readonly string[] Fields =
    [
        "address", "durable", "expiry-policy", "timeout", "dynamic", "dynamic-node-properties", "distribution-mode",
        "filter", "default-outcome", "outcomes", "capabilities",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary><c>move</c> or <c>copy</c> (§3.5.7).</summary>
    public AmqpSymbol? DistributionMode { get; set; }

    /// <summary>filter-set: symbol keys to described filters, e.g. <c>apache.org:selector-filter:string</c>.</summary>
    public AmqpMap? Filter { get; set; }

    public Outcome? DefaultOutcome { get; set; }

    public AmqpSymbol[]? Outcomes { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case < SharedFieldCount:
                WriteSharedField(ref writer, index);
                break;
            case 6:
                writer.WriteSymbol(DistributionMode);
                break;
            case 7:
                writer.WriteMap(Filter);
                break;
            case 8:
                writer.WriteComposite(DefaultOutcome);
                break;
            case 9:
                writer.WriteSymbolMultiple(Outcomes);
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
            case < SharedFieldCount:
                ReadSharedField(ref reader, index);
                break;
            case 6:
                DistributionMode = reader.ReadSymbol();
                break;
            case 7:
                Filter = reader.ReadMap();
                break;
            case 8:
                DefaultOutcome = Outcome.Read(ref reader);
                break;
            case 9:
                Outcomes = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            default:
                Capabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
        }
    }
}
