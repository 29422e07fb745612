using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// sasl-challenge (Part 5 §5.3.3.3): security mechanism challenge.
/// <code>
/// &lt;descriptor name="amqp:sasl-challenge:list" code="0x00000000:0x00000042"/&gt;
/// challenge binary (mandatory)
/// </code>
/// </summary>
public sealed class SaslChallenge : Performative
{
    public const ulong Code = 0x42;
    public const string Name = "amqp:sasl-challenge:list";

    private static readonly string[] Fields = ["challenge"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Sasl;

    public ReadOnlyMemory<byte> Challenge { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteBinary(Challenge.Span);

    private protected override void ReadField(ref AmqpReader reader, int index) => Challenge = reader.ReadBinaryArray();
}
