using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// The fields source and target share (Part 3 §3.5.3 / §3.5.4), in the same first six positions of both lists:
/// <code>
/// address * | durable terminus-durability (none) | expiry-policy terminus-expiry-policy (session-end) |
/// timeout seconds (0) | dynamic boolean (false) | dynamic-node-properties node-properties | ...
/// </code>
/// </summary>
public abstract class Terminus : AmqpComposite
{
    /// <summary>Positions 0-5: the shared fields; the subclass encodes the ones after.</summary>
    private protected const int SharedFieldCount = 6;

    /// <summary>The address-string of the node; null when a dynamic node is asked for.</summary>
    public string? Address { get; set; }

    public TerminusDurability Durable { get; set; }

    public AmqpSymbol ExpiryPolicy { get; set; } = TerminusExpiryPolicy.SessionEnd;

    public uint Timeout { get; set; }

    public bool Dynamic { get; set; }

    public AmqpMap? DynamicNodeProperties { get; set; }

    public AmqpSymbol[]? Capabilities { get; set; }

    /// <summary>Writes shared field <paramref name="index"/> (0-5).</summary>
    private protected void WriteSharedField(ref AmqpWriter writer, int index)
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
            default:
                writer.WriteMap(DynamicNodeProperties);
                break;
        }
    }

    /// <summary>Reads shared field <paramref name="index"/> (0-5).</summary>
    private protected void ReadSharedField(ref AmqpReader reader, int index)
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
            default:
                DynamicNodeProperties = reader.ReadMap();
                break;
        }
    }
}
