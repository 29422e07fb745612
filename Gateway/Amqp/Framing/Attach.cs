using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// attach (Part 2 §2.7.3): attach a link to a session.
/// <code>
/// &lt;descriptor name="amqp:attach:list" code="0x00000000:0x00000012"/&gt;
/// name string (mandatory) | handle handle (mandatory) | role role (mandatory) |
/// snd-settle-mode sender-settle-mode (mixed) | rcv-settle-mode receiver-settle-mode (first) | source * | target * |
/// unsettled map | incomplete-unsettled boolean (false) | initial-delivery-count sequence-no |
/// max-message-size ulong | offered-capabilities symbol[] | desired-capabilities symbol[] | properties fields
/// </code>
/// </summary>
/// <remarks>
/// The spec's <c>name</c> field is <see cref="LinkName"/> here (<c>Name</c> is the descriptor constant). A target that
/// is a transaction coordinator (0x30, Part 4 §4.5.1) is <see cref="Coordinator"/>; a source or target of any other
/// type is kept in <see cref="OtherSource"/> / <see cref="OtherTarget"/> so the session can refuse it with a proper error.
/// </remarks>
public sealed class Attach : Performative
{
    public const ulong Code = 0x12;
    public const string Name = "amqp:attach:list";

    private static readonly string[] Fields =
    [
        "name", "handle", "role", "snd-settle-mode", "rcv-settle-mode", "source", "target", "unsettled",
        "incomplete-unsettled", "initial-delivery-count", "max-message-size", "offered-capabilities",
        "desired-capabilities", "properties",
    ];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    /// <summary>The link name (the spec's <c>name</c> field), unique per pair of containers.</summary>
    public string LinkName { get; set; } = string.Empty;

    public uint Handle { get; set; }

    public Role Role { get; set; }

    public SenderSettleMode SndSettleMode { get; set; } = SenderSettleMode.Mixed;

    public ReceiverSettleMode RcvSettleMode { get; set; } = ReceiverSettleMode.First;

    public Source? Source { get; set; }

    public Target? Target { get; set; }

    /// <summary>A source of another type than <c>amqp:source:list</c>; mutually exclusive with <see cref="Source"/>.</summary>
    public AmqpDescribed? OtherSource { get; set; }

    /// <summary>The target of a transaction controller's link (Part 4 §4.5.1); mutually exclusive with <see cref="Target"/>.</summary>
    public Coordinator? Coordinator { get; set; }

    /// <summary>A target of another type than <c>amqp:target:list</c> or <c>amqp:coordinator:list</c>.</summary>
    public AmqpDescribed? OtherTarget { get; set; }

    /// <summary>Delivery-tag to delivery-state, for resuming a link.</summary>
    public AmqpMap? Unsettled { get; set; }

    public bool IncompleteUnsettled { get; set; }

    /// <summary>"This MUST NOT be null if role is sender, and it is ignored if the role is receiver."</summary>
    public uint? InitialDeliveryCount { get; set; }

    /// <summary>Largest message the endpoint accepts; null or 0 for no limit.</summary>
    public ulong? MaxMessageSize { get; set; }

    public AmqpSymbol[]? OfferedCapabilities { get; set; }

    public AmqpSymbol[]? DesiredCapabilities { get; set; }

    public AmqpMap? Properties { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b111;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteString(LinkName);
                break;
            case 1:
                writer.WriteUInt(Handle);
                break;
            case 2:
                FieldCodec.WriteRole(ref writer, Role);
                break;
            case 3:
                writer.WriteUByte(SndSettleMode == SenderSettleMode.Mixed ? null : (byte)SndSettleMode);
                break;
            case 4:
                writer.WriteUByte(RcvSettleMode == ReceiverSettleMode.First ? null : (byte)RcvSettleMode);
                break;
            case 5:
                if (OtherSource is not null)
                {
                    writer.WriteDescribed(OtherSource);
                }
                else
                {
                    writer.WriteComposite(Source);
                }
                break;
            case 6:
                if (OtherTarget is not null)
                {
                    writer.WriteDescribed(OtherTarget);
                }
                else if (Coordinator is not null)
                {
                    writer.WriteComposite(Coordinator);
                }
                else
                {
                    writer.WriteComposite(Target);
                }
                break;
            case 7:
                writer.WriteMap(Unsettled);
                break;
            case 8:
                writer.WriteBoolean(IncompleteUnsettled ? true : null);
                break;
            case 9:
                writer.WriteUInt(InitialDeliveryCount);
                break;
            case 10:
                writer.WriteULong(MaxMessageSize);
                break;
            case 11:
                writer.WriteSymbolMultiple(OfferedCapabilities);
                break;
            case 12:
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
                LinkName = reader.ReadString();
                break;
            case 1:
                Handle = reader.ReadUInt();
                break;
            case 2:
                Role = FieldCodec.ReadRole(ref reader);
                break;
            case 3:
                SndSettleMode = FieldCodec.ReadSenderSettleMode(ref reader);
                break;
            case 4:
                RcvSettleMode = FieldCodec.ReadReceiverSettleMode(ref reader);
                break;
            case 5:
                ReadTerminus(ref reader, isSource: true);
                break;
            case 6:
                ReadTerminus(ref reader, isSource: false);
                break;
            case 7:
                Unsettled = reader.ReadMap();
                break;
            case 8:
                IncompleteUnsettled = reader.ReadBoolean();
                break;
            case 9:
                InitialDeliveryCount = reader.ReadUInt();
                break;
            case 10:
                MaxMessageSize = reader.ReadULong();
                break;
            case 11:
                OfferedCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            case 12:
                DesiredCapabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
                break;
            default:
                Properties = reader.ReadMap();
                break;
        }
    }

    /// <summary>source/target are typed <c>*</c>: "requires source" / "requires target" (Part 3 §3.5.3-4, Part 4 §4.5.1).</summary>
    private void ReadTerminus(ref AmqpReader reader, bool isSource)
    {
        var descriptor = reader.ReadDescriptor();
        if (isSource && descriptor.Matches(Source.Code, Source.Name))
        {
            var source = new Source();
            source.ReadFields(ref reader);
            Source = source;
        }
        else if (!isSource && descriptor.Matches(Target.Code, Target.Name))
        {
            var target = new Target();
            target.ReadFields(ref reader);
            Target = target;
        }
        else if (!isSource && descriptor.Matches(Coordinator.Code, Coordinator.Name))
        {
            var coordinator = new Coordinator();
            coordinator.ReadFields(ref reader);
            Coordinator = coordinator;
        }
        else if (isSource)
        {
            OtherSource = new AmqpDescribed(descriptor, reader.ReadValue());
        }
        else
        {
            OtherTarget = new AmqpDescribed(descriptor, reader.ReadValue());
        }
    }
}
