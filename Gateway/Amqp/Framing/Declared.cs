using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// declared (Part 4 §4.5.4): the outcome of a declare delivery, "indicates that a transaction identifier has
/// successfully been allocated".
/// <code>
/// &lt;descriptor name="amqp:declared:list" code="0x00000000:0x00000033"/&gt;
/// txn-id * (mandatory, requires txn-id)
/// </code>
/// </summary>
public sealed class Declared : Outcome
{
    public const ulong Code = 0x33;
    public const string Name = "amqp:declared:list";

    private static readonly string[] Fields = ["txn-id"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>The allocated transaction-id (a binary, §4.5.6).</summary>
    public ReadOnlyMemory<byte> TxnId { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteBinary(TxnId.Span);

    private protected override void ReadField(ref AmqpReader reader, int index) => TxnId = reader.ReadBinaryArray();
}
