using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// flow (Part 2 §2.7.4): update session and link flow state.
/// <code>
/// &lt;descriptor name="amqp:flow:list" code="0x00000000:0x00000013"/&gt;
/// next-incoming-id transfer-number | incoming-window uint (mandatory) | next-outgoing-id transfer-number (mandatory) |
/// outgoing-window uint (mandatory) | handle handle | delivery-count sequence-no | link-credit uint | available uint |
/// drain boolean (false) | echo boolean (false) | properties fields
/// </code>
/// </summary>
public sealed class Flow : Performative
{
    public const ulong Code = 0x13;
    public const string Name = "amqp:flow:list";

    private static readonly string[] Fields =
    [
        "next-incoming-id", "incoming-window", "next-outgoing-id", "outgoing-window", "handle", "delivery-count",
        "link-credit", "available", "drain", "echo", "properties",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    /// <summary>"MUST be set if the peer has received the begin frame for the session."</summary>
    public uint? NextIncomingId { get; set; }

    public uint IncomingWindow { get; set; }

    public uint NextOutgoingId { get; set; }

    public uint OutgoingWindow { get; set; }

    /// <summary>The link this flow carries state for; null for session-only flow state.</summary>
    public uint? Handle { get; set; }

    public uint? DeliveryCount { get; set; }

    public uint? LinkCredit { get; set; }

    public uint? Available { get; set; }

    public bool Drain { get; set; }

    public bool Echo { get; set; }

    public AmqpMap? Properties { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1110;

    /// <summary>Back to the defaults, for a frame reader that reuses one instance per connection.</summary>
    internal void Reset()
    {
        NextIncomingId = null;
        IncomingWindow = 0;
        NextOutgoingId = 0;
        OutgoingWindow = 0;
        Handle = null;
        DeliveryCount = null;
        LinkCredit = null;
        Available = null;
        Drain = false;
        Echo = false;
        Properties = null;
    }

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteUInt(NextIncomingId);
                break;
            case 1:
                writer.WriteUInt(IncomingWindow);
                break;
            case 2:
                writer.WriteUInt(NextOutgoingId);
                break;
            case 3:
                writer.WriteUInt(OutgoingWindow);
                break;
            case 4:
                writer.WriteUInt(Handle);
                break;
            case 5:
                writer.WriteUInt(DeliveryCount);
                break;
            case 6:
                writer.WriteUInt(LinkCredit);
                break;
            case 7:
                writer.WriteUInt(Available);
                break;
            case 8:
                writer.WriteBoolean(Drain ? true : null);
                break;
            case 9:
                writer.WriteBoolean(Echo ? true : null);
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
                NextIncomingId = reader.ReadUInt();
                break;
            case 1:
                IncomingWindow = reader.ReadUInt();
                break;
            case 2:
                NextOutgoingId = reader.ReadUInt();
                break;
            case 3:
                OutgoingWindow = reader.ReadUInt();
                break;
            case 4:
                Handle = reader.ReadUInt();
                break;
            case 5:
                DeliveryCount = reader.ReadUInt();
                break;
            case 6:
                LinkCredit = reader.ReadUInt();
                break;
            case 7:
                Available = reader.ReadUInt();
                break;
            case 8:
                Drain = reader.ReadBoolean();
                break;
            case 9:
                Echo = reader.ReadBoolean();
                break;
            default:
                Properties = reader.ReadMap();
                break;
        }
    }
}
