using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// begin (Part 2 §2.7.2): begin a session on a channel.
/// <code>
/// &lt;descriptor name="amqp:begin:list" code="0x00000000:0x00000011"/&gt;
/// remote-channel ushort | next-outgoing-id transfer-number (mandatory) | incoming-window uint (mandatory) |
/// outgoing-window uint (mandatory) | handle-max handle (4294967295) | offered-capabilities symbol[] |
/// desired-capabilities symbol[] | properties fields
/// </code>
/// </summary>
public sealed class Begin : Performative
{
    public const ulong Code = 0x11;
    public const string Name = "amqp:begin:list";

    private static readonly string[] Fields =
    [
        "remote-channel", "next-outgoing-id", "incoming-window", "outgoing-window", "handle-max",
        "offered-capabilities", "desired-capabilities", "properties",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    /// <summary>Set only when answering a begin the peer initiated: the channel that begin arrived on.</summary>
    public ushort? RemoteChannel { get; set; }

    public uint NextOutgoingId { get; set; }

    public uint IncomingWindow { get; set; }

    public uint OutgoingWindow { get; set; }

    public uint HandleMax { get; set; } = uint.MaxValue;

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1110;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteUShort(RemoteChannel);
                break;
            case 1:
                writer.WriteUInt(NextOutgoingId);
                break;
            case 2:
                writer.WriteUInt(IncomingWindow);
                break;
            case 3:
                writer.WriteUInt(OutgoingWindow);
                break;
            case 4:
                writer.WriteUInt(HandleMax == uint.MaxValue ? null : HandleMax);
                break;
            case 5:
                writer.WriteSymbolMultiple(OfferedCapabilities);
                break;
            case 6:
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
                RemoteChannel = reader.ReadUShort();
                break;
            case 1:
                NextOutgoingId = reader.ReadUInt();
                break;
            case 2:
                IncomingWindow = reader.ReadUInt();
                break;
            case 3:
                OutgoingWindow = reader.ReadUInt();
                break;
            case 4:
                HandleMax = reader.ReadUInt();
                break;
            case 5:
                OfferedCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            case 6:
                DesiredCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            default:
                Properties = reader.ReadMap();
                break;
        }
    }
}
