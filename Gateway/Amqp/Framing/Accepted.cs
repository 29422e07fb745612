using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// accepted (Part 3 §3.4.2): "the message has been successfully processed". No fields.
/// <code>&lt;descriptor name="amqp:accepted:list" code="0x00000000:0x00000024"/&gt;</code>
/// </summary>
public sealed class Accepted : Outcome
{
    public const ulong Code = 0x24;
    public const string Name = "amqp:accepted:list";

    /// <summary>The outcome has no fields, so one shared instance serves every decode (no allocation per disposition).</summary>
    public static readonly Accepted Instance = new();

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    private protected override string[] FieldNames => [];

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
    }
}
