using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// released (Part 3 §3.4.4): "the message was not (and will not be) acted upon"; it may be redelivered. No fields.
/// <code>&lt;descriptor name="amqp:released:list" code="0x00000000:0x00000026"/&gt;</code>
/// </summary>
public sealed class Released : Outcome
{
    public const ulong Code = 0x26;
    public const string Name = "amqp:released:list";

    /// <summary>The outcome has no fields, so one shared instance serves every decode (no allocation per disposition).</summary>
    public static readonly Released Instance = new();

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
