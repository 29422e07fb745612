using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// disposition (Part 2 §2.7.6): inform the remote peer of delivery state changes for a range of deliveries.
/// <code>
/// &lt;descriptor name="amqp:disposition:list" code="0x00000000:0x00000015"/&gt;
/// role role (mandatory) | first delivery-number (mandatory) | last delivery-number | settled boolean (false) |
/// state * | batchable boolean (false)
/// </code>
/// </summary>
public sealed class Disposition : Performative
{
    public const ulong Code = 0x15;
    public const string Name = "amqp:disposition:list";

    private static readonly string[] Fields = ["role", "first", "last", "settled", "state", "batchable"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public Role Role { get; set; }

    public uint First { get; set; }

    /// <summary>Upper bound of the range; null means the same as <see cref="First"/>.</summary>
    public uint? Last { get; set; }

    public bool Settled { get; set; }

    public DeliveryState? State { get; set; }

    public bool Batchable { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b11;

    /// <summary>Back to the defaults, for a frame reader that reuses one instance per connection.</summary>
    internal void Reset()
    {
        Role = Role.Sender;
        First = 0;
        Last = null;
        Settled = false;
        State = null;
        Batchable = false;
    }

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                FieldCodec.WriteRole(ref writer, Role);
                break;
            case 1:
                writer.WriteUInt(First);
                break;
            case 2:
                writer.WriteUInt(Last);
                break;
            case 3:
                writer.WriteBoolean(Settled ? true : null);
                break;
            case 4:
                writer.WriteComposite(State);
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
                Role = FieldCodec.ReadRole(ref reader);
                break;
            case 1:
                First = reader.ReadUInt();
                break;
            case 2:
                Last = reader.ReadUInt();
                break;
            case 3:
                Settled = reader.ReadBoolean();
                break;
            case 4:
                State = DeliveryState.Read(ref reader);
                break;
            default:
                Batchable = reader.ReadBoolean();
                break;
        }
    }
}
