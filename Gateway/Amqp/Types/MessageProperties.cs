namespace Gateway.Amqp.Types;

/// <summary>
/// The properties section (Part 3 §3.2.4): immutable standard properties of the bare message ("if retransmitted by an
/// intermediary, it MUST remain unaltered" - the broker reads this, and forwards the raw section).
/// <code>
/// &lt;descriptor name="amqp:properties:list" code="0x00000000:0x00000073"/&gt;
/// message-id * | user-id binary | to address | subject string | reply-to address | correlation-id * |
/// content-type symbol | content-encoding symbol | absolute-expiry-time timestamp | creation-time timestamp |
/// group-id string | group-sequence sequence-no | reply-to-group-id string
/// </code>
/// </summary>
public sealed class MessageProperties : AmqpComposite
{
    public const ulong Code = 0x73;
    public const string Name = "amqp:properties:list";

    private static readonly string[] Fields =
    [
        "message-id", "user-id", "to", "subject", "reply-to", "correlation-id", "content-type", "content-encoding",
        "absolute-expiry-time", "creation-time", "group-id", "group-sequence", "reply-to-group-id",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>A message-id: ulong, uuid, binary or string (§3.2.11-14); null when absent.</summary>
    public AmqpValue MessageId { get; set; }

    public ReadOnlyMemory<byte>? UserId { get; set; }

    /// <summary>The address-string of the node the message is destined for.</summary>
    public string? To { get; set; }

    public string? Subject { get; set; }

    public string? ReplyTo { get; set; }

    /// <summary>A message-id type, like <see cref="MessageId"/>.</summary>
    public AmqpValue CorrelationId { get; set; }

    public AmqpSymbol? ContentType { get; set; }

    public AmqpSymbol? ContentEncoding { get; set; }

    public AmqpTimestamp? AbsoluteExpiryTime { get; set; }

    public AmqpTimestamp? CreationTime { get; set; }

    public string? GroupId { get; set; }

    public uint? GroupSequence { get; set; }

    public string? ReplyToGroupId { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteValue(MessageId);
                break;
            case 1:
                writer.WriteBinary(UserId);
                break;
            case 2:
                writer.WriteString(To);
                break;
            case 3:
                writer.WriteString(Subject);
                break;
            case 4:
                writer.WriteString(ReplyTo);
                break;
            case 5:
                writer.WriteValue(CorrelationId);
                break;
            case 6:
                writer.WriteSymbol(ContentType);
                break;
            case 7:
                writer.WriteSymbol(ContentEncoding);
                break;
            case 8:
                writer.WriteTimestamp(AbsoluteExpiryTime);
                break;
            case 9:
                writer.WriteTimestamp(CreationTime);
                break;
            case 10:
                writer.WriteString(GroupId);
                break;
            case 11:
                writer.WriteUInt(GroupSequence);
                break;
            default:
                writer.WriteString(ReplyToGroupId);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                MessageId = reader.ReadValue();
                break;
            case 1:
                UserId = reader.ReadBinaryArray();
                break;
            case 2:
                To = reader.ReadString();
                break;
            case 3:
                Subject = reader.ReadString();
                break;
            case 4:
                ReplyTo = reader.ReadString();
                break;
            case 5:
                CorrelationId = reader.ReadValue();
                break;
            case 6:
                ContentType = reader.ReadSymbol();
                break;
            case 7:
                ContentEncoding = reader.ReadSymbol();
                break;
            case 8:
                AbsoluteExpiryTime = reader.ReadTimestamp();
                break;
            case 9:
                CreationTime = reader.ReadTimestamp();
                break;
            case 10:
                GroupId = reader.ReadString();
                break;
            case 11:
                GroupSequence = reader.ReadUInt();
                break;
            default:
                ReplyToGroupId = reader.ReadString();
                break;
        }
    }
}
