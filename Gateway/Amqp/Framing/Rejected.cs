using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// rejected (Part 3 §3.4.3): "the message was invalid and therefore could not be processed".
/// <code>
/// &lt;descriptor name="amqp:rejected:list" code="0x00000000:0x00000025"/&gt;
/// error error
/// </code>
/// </summary>
public sealed class Rejected : Outcome
{
    public const ulong Code = 0x25;
    public const string Name = "amqp:rejected:list";

    private static readonly string[] Fields = ["error"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>Why the message was rejected.</summary>
    public Error? Error { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteComposite(Error);

    private protected override void ReadField(ref AmqpReader reader, int index) => Error = reader.ReadComposite<Error>();
}
