using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// open (Part 2 §2.7.1): negotiate connection parameters.
/// <code>
/// &lt;descriptor name="amqp:open:list" code="0x00000000:0x00000010"/&gt;
/// container-id string (mandatory) | hostname string | max-frame-size uint (4294967295) | channel-max ushort (65535) |
/// idle-time-out milliseconds | outgoing-locales symbol[] | incoming-locales symbol[] |
/// offered-capabilities symbol[] | desired-capabilities symbol[] | properties fields
/// </code>
/// </summary>
public sealed class Open : Performative
{
    public const ulong Code = 0x10;
    public const string Name = "amqp:open:list";

    private static readonly string[] Fields =
    [
        "container-id", "hostname", "max-frame-size", "channel-max", "idle-time-out", "outgoing-locales",
        "incoming-locales", "offered-capabilities", "desired-capabilities", "properties",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public string ContainerId { get; set; } = string.Empty;

    public string? Hostname { get; set; }

    public uint MaxFrameSize { get; set; } = uint.MaxValue;

    public ushort ChannelMax { get; set; } = ushort.MaxValue;

    /// <summary>Idle timeout in milliseconds; null for none.</summary>
    public uint? IdleTimeOut { get; set; }

    /// <summary>ietf-language-tags (restricted symbols).</summary>
    public AmqpSymbol[]? OutgoingLocales { get; set; }

    public AmqpSymbol[]? IncomingLocales { get; set; }

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteString(ContainerId);
                break;
            case 1:
                writer.WriteString(Hostname);
                break;
            case 2:
                writer.WriteUInt(MaxFrameSize == uint.MaxValue ? null : MaxFrameSize);
                break;
            case 3:
                writer.WriteUShort(ChannelMax == ushort.MaxValue ? null : ChannelMax);
                break;
            case 4:
                writer.WriteUInt(IdleTimeOut);
                break;
            case 5:
                writer.WriteSymbolMultiple(OutgoingLocales);
                break;
            case 6:
                writer.WriteSymbolMultiple(IncomingLocales);
                break;
            case 7:
                writer.WriteSymbolMultiple(OfferedCapabilities);
                break;
            case 8:
                writer.WriteSymbolMultiple(DesiredCapabilities);
                break;
            default:
                writer.WriteMap(Properties);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                ContainerId = reader.ReadString();
                break;
            case 1:
                Hostname = reader.ReadString();
                break;
            case 2:
                MaxFrameSize = reader.ReadUInt();
                break;
            case 3:
                ChannelMax = reader.ReadUShort();
                break;
            case 4:
                IdleTimeOut = reader.ReadUInt();
                break;
            case 5:
                OutgoingLocales = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            case 6:
                IncomingLocales = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            case 7:
                OfferedCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            case 8:
                DesiredCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            default:
                Properties = reader.ReadMap();
                break;
        }
    }
}
