using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// detach (Part 2 §2.7.7): detach the link endpoint from the session.
/// <code>
/// &lt;descriptor name="amqp:detach:list" code="0x00000000:0x00000016"/&gt;
/// handle handle (mandatory) | closed boolean (false) | error error
/// </code>
/// </summary>
public sealed class Detach : Performative
{
    public const ulong Code = 0x16;
    public const string Name = "amqp:detach:list";

    private static readonly string[] Fields = ["handle", "closed", "error"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Amqp;

    public uint Handle { get; set; }

    /// <summary>True when the sender has closed the link (as opposed to merely detaching it).</summary>
    public bool Closed { get; set; }

    public Error? Error { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteUInt(Handle);
                break;
            case 1:
                writer.WriteBoolean(Closed ? true : null);
                break;
            default:
                writer.WriteComposite(Error);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Handle = reader.ReadUInt();
                break;
            case 1:
                Closed = reader.ReadBoolean();
                break;
            default:
                Error = reader.ReadComposite<Error>();
                break;
        }
    }
}
