using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// sasl-response (Part 5 §5.3.3.4): security mechanism response.
/// <code>
/// &lt;descriptor name="amqp:sasl-response:list" code="0x00000000:0x00000043"/&gt;
/// response binary (mandatory)
/// </code>
/// </summary>
public sealed class SaslResponse : Performative
{
    public const ulong Code = 0x43;
    public const string Name = "amqp:sasl-response:list";

    private static readonly string[] Fields = ["response"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Sasl;

    public ReadOnlyMemory<byte> Response { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteBinary(Response.Span);

    private protected override void ReadField(ref AmqpReader reader, int index) => Response = reader.ReadBinaryArray();
}
