using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// transactional-state (Part 4 §4.5.5): the state of a delivery that is part of a transaction. On a transfer it makes
/// a posting transactional; on a disposition its outcome takes effect only when the transaction commits (§4.4.2).
/// <code>
/// &lt;descriptor name="amqp:transactional-state:list" code="0x00000000:0x00000034"/&gt;
/// txn-id * (mandatory, requires txn-id) | outcome * (requires outcome)
/// </code>
/// </summary>
public sealed class TransactionalState : DeliveryState
{
    public const ulong Code = 0x34;
    public const string Name = "amqp:transactional-state:list";

    private static readonly string[] Fields = ["txn-id", "outcome"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>The transaction this delivery belongs to.</summary>
    public ReadOnlyMemory<byte> TxnId { get; set; }

    /// <summary>"The provisional outcome of the transfer", applied if the transaction commits; null while only acquired.</summary>
    public Outcome? Outcome { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        if (index == 0)
        {
            writer.WriteBinary(TxnId.Span);
        }
        else
        {
            writer.WriteComposite(Outcome);
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        if (index == 0)
        {
            TxnId = reader.ReadBinaryArray();
        }
        else
        {
            Outcome = Framing.Outcome.Read(ref reader);
        }
    }
}
