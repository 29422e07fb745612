using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// sasl-init (Part 5 §5.3.3.2): the client's chosen mechanism and initial response.
/// <code>
/// &lt;descriptor name="amqp:sasl-init:list" code="0x00000000:0x00000041"/&gt;
/// mechanism symbol (mandatory) | initial-response binary | hostname string
/// </code>
/// </summary>
public sealed class SaslInit : Performative
{
    public const ulong Code = 0x41;
    public const string Name = "amqp:sasl-init:list";

    private static readonly string[] Fields = ["mechanism", "initial-response", "hostname"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Sasl;

    public AmqpSymbol Mechanism { get; set; }

    /// <summary>For PLAIN: <c>authzid NUL authcid NUL passwd</c> (RFC 4616). Owned by this object (copied on decode).</summary>
    public ReadOnlyMemory<byte>? InitialResponse { get; set; }

    public string? Hostname { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteSymbol(Mechanism);
                break;
            case 1:
                writer.WriteBinary(InitialResponse);
                break;
            default:
                writer.WriteString(Hostname);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Mechanism = reader.ReadSymbol();
                break;
            case 1:
                InitialResponse = reader.ReadBinaryArray();
                break;
            default:
                Hostname = reader.ReadString();
                break;
        }
    }
}
