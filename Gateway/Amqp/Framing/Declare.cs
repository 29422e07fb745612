using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// declare (Part 4 §4.5.2): the body (amqp-value) of a message to the coordinator asking for a new transaction. The
/// coordinator answers the delivery with a <see cref="Declared"/> outcome carrying the transaction's id, or rejected.
/// <code>
/// &lt;descriptor name="amqp:declare:list" code="0x00000000:0x00000031"/&gt;
/// global-id * (requires global-tx-id)
/// </code>
/// </summary>
public sealed class Declare : AmqpComposite
{
    public const ulong Code = 0x31;
    public const string Name = "amqp:declare:list";

    private static readonly string[] Fields = ["global-id"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>"Specifies that the txn-id allocated by this declare MUST be associated with the indicated global
    /// transaction": set only for distributed transactions, which this broker does not offer.</summary>
    public AmqpValue? GlobalId { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteValue(GlobalId ?? AmqpValue.Null);

    private protected override void ReadField(ref AmqpReader reader, int index) => GlobalId = reader.ReadValue();
}
