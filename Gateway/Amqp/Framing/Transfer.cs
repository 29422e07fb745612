using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// transfer (Part 2 §2.7.5): transfer a message, or part of one; the frame's payload follows the performative.
/// <code>
/// &lt;descriptor name="amqp:transfer:list" code="0x00000000:0x00000014"/&gt;
/// handle handle (mandatory) | delivery-id delivery-number | delivery-tag delivery-tag | message-format uint |
/// settled boolean | more boolean (false) | rcv-settle-mode receiver-settle-mode | state * |
/// resume boolean (false) | aborted boolean (false) | batchable boolean (false)
/// </code>
/// </summary>
/// <remarks>
/// Decoded by <see cref="AmqpFrameReader"/>, <see cref="DeliveryTag"/> is a slice of the frame when contiguous (no
/// copy): copy it before the receive buffer is advanced if it must outlive the frame.
/// </remarks>
public sealed class Transfer : Performative
{
    public const ulong Code = 0x14;
    public const string Name = "amqp:transfer:list";

    /// <summary>Message format 0: the AMQP message format of Part 3 §3.2.</summary>
    public const uint AmqpMessageFormat = 0;

    private static readonly string[] Fields =
    [
        "handle", "delivery-id", "delivery-tag", "message-format", "settled", "more", "rcv-settle-mode", "state",
        "resume", "aborted", "batchable",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public uint Handle { get; set; }

    /// <summary>"MUST be supplied on the first transfer of a multi-transfer delivery"; may be omitted on continuations.</summary>
    public uint? DeliveryId { get; set; }

    /// <summary>Up to 32 octets identifying the delivery on the link; may be omitted on continuations.</summary>
    public ReadOnlyMemory<byte>? DeliveryTag { get; set; }

    public uint? MessageFormat { get; set; }

    /// <summary>Unset on the first transfer means false; on later ones, true if any earlier transfer said true.</summary>
    public bool? Settled { get; set; }

    /// <summary>More transfers of this delivery follow.</summary>
    public bool More { get; set; }

    /// <summary>Overrides the link's receiver-settle-mode for this delivery; null keeps the link's.</summary>
    public ReceiverSettleMode? RcvSettleMode { get; set; }

    public DeliveryState? State { get; set; }

    public bool Resume { get; set; }

    /// <summary>"Aborted messages SHOULD be discarded by the recipient"; takes precedence over <see cref="More"/>.</summary>
    public bool Aborted { get; set; }

    public bool Batchable { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    /// <summary>Back to the defaults, for a frame reader that reuses one instance per connection.</summary>
    internal void Reset()
    {
        Handle = 0;
        DeliveryId = null;
        DeliveryTag = null;
        MessageFormat = null;
        Settled = null;
        More = false;
        RcvSettleMode = null;
        State = null;
        Resume = false;
        Aborted = false;
        Batchable = false;
    }

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteUInt(Handle);
                break;
            case 1:
                writer.WriteUInt(DeliveryId);
                break;
            case 2:
                writer.WriteBinary(DeliveryTag);
                break;
            case 3:
                writer.WriteUInt(MessageFormat);
                break;
            case 4:
                writer.WriteBoolean(Settled);
                break;
            case 5:
                writer.WriteBoolean(More ? true : null);
                break;
            case 6:
                writer.WriteUByte(RcvSettleMode is { } mode ? (byte)mode : null);
                break;
            case 7:
                writer.WriteComposite(State);
                break;
            case 8:
                writer.WriteBoolean(Resume ? true : null);
                break;
            case 9:
                writer.WriteBoolean(Aborted ? true : null);
                break;
            default:
                writer.WriteBoolean(Batchable ? true : null);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Handle = reader.ReadUInt();
                break;
            case 1:
                DeliveryId = reader.ReadUInt();
                break;
            case 2:
                DeliveryTag = reader.ReadBinaryMemory();
                break;
            case 3:
                MessageFormat = reader.ReadUInt();
                break;
            case 4:
                Settled = reader.ReadBoolean();
                break;
            case 5:
                More = reader.ReadBoolean();
                break;
            case 6:
                RcvSettleMode = FieldCodec.ReadReceiverSettleMode(ref reader);
                break;
            case 7:
                State = DeliveryState.Read(ref reader);
                break;
            case 8:
                Resume = reader.ReadBoolean();
                break;
            case 9:
                Aborted = reader.ReadBoolean();
                break;
            default:
                Batchable = reader.ReadBoolean();
                break;
        }
    }
}
