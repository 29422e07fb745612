using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// end (Part 2 §2.7.8): end the session.
/// <code>
/// &lt;descriptor name="amqp:end:list" code="0x00000000:0x00000017"/&gt;
/// error error
/// </code>
/// </summary>
public sealed class End : Performative
{
    public const ulong Code = 0x17;
    public const string Name = "amqp:end:list";

    private static readonly string[] Fields = ["error"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public Error? Error { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteComposite(Error);

    private protected override void ReadField(ref AmqpReader reader, int index) => Error = reader.ReadComposite<Error>();
}
