using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// close (Part 2 §2.7.9): signal a connection close.
/// <code>
/// &lt;descriptor name="amqp:close:list" code="0x00000000:0x00000018"/&gt;
/// error error
/// </code>
/// </summary>
public sealed class Close : Performative
{
    public const ulong Code = 0x18;
    public const string Name = "amqp:close:list";

    private static readonly string[] Fields = ["error"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public Error? Error { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteComposite(Error);

    private protected override void ReadField(ref AmqpReader reader, int index) => Error = reader.ReadComposite<Error>();
}
