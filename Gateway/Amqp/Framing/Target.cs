using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// target (Part 3 §3.5.4): the terminus messages go to.
/// <code>
/// &lt;descriptor name="amqp:target:list" code="0x00000000:0x00000029"/&gt;
/// address * | durable terminus-durability (none) | expiry-policy terminus-expiry-policy (session-end) |
/// timeout seconds (0) | dynamic boolean (false) | dynamic-node-properties node-properties | capabilities symbol[]
/// </code>
/// </summary>
public sealed class Target : Terminus
{
    public const ulong Code = 0x29;
    public const string Name = "amqp:target:list";

    private static readonly string[] Fields =
        ["address", "durable", "expiry-policy", "timeout", "dynamic", "dynamic-node-properties", "capabilities"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        if (index < SharedFieldCount)
        {
            WriteSharedField(ref writer, index);
        }
        else
        {
            writer.WriteSymbolMultiple(Capabilities);
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        if (index < SharedFieldCount)
        {
            ReadSharedField(ref reader, index);
        }
        else
        {
            Capabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
        }
    }
}
