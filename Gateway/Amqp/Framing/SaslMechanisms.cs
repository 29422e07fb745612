using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// sasl-mechanisms (Part 5 §5.3.3.1): the server's supported mechanisms, sent first after the SASL header.
/// <code>
/// &lt;descriptor name="amqp:sasl-mechanisms:list" code="0x00000000:0x00000040"/&gt;
/// sasl-server-mechanisms symbol[] (mandatory)
/// </code>
/// </summary>
public sealed class SaslMechanisms : Performative
{
    public const ulong Code = 0x40;
    public const string Name = "amqp:sasl-mechanisms:list";

    private static readonly string[] Fields = ["sasl-server-mechanisms"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Sasl;

    /// <summary>Mechanism names in decreasing order of preference, e.g. PLAIN, ANONYMOUS.</summary>
    public AmqpSymbol[] SaslServerMechanisms { get; set; } = [];

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteSymbolMultiple(SaslServerMechanisms);

    private protected override void ReadField(ref AmqpReader reader, int index) => SaslServerMechanisms = reader.ReadSymbolMultiple();
}
