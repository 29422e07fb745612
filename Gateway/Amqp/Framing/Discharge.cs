using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// discharge (Part 4 §4.5.3): the body (amqp-value) of a message to the coordinator ending a transaction: commit
/// (<see cref="Fail"/> false) or roll back (true). Answered with accepted, or rejected with a transaction error.
/// <code>
/// &lt;descriptor name="amqp:discharge:list" code="0x00000000:0x00000032"/&gt;
/// txn-id * (mandatory, requires txn-id) | fail boolean
/// </code>
/// </summary>
public sealed class Discharge : AmqpComposite
{
    public const ulong Code = 0x32;
    public const string Name = "amqp:discharge:list";

    private static readonly string[] Fields = ["txn-id", "fail"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>The transaction-id (a binary, §4.5.6) the coordinator gave in <see cref="Declared"/>.</summary>
    public ReadOnlyMemory<byte> TxnId { get; set; }

    /// <summary>"If set, this flag indicates that the work associated with this transaction has failed, and the
    /// controller wishes the transaction to be rolled back."</summary>
    public bool Fail { get; set; }

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
            writer.WriteBoolean(Fail ? true : null);
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
            Fail = reader.ReadBoolean();
        }
    }
}
