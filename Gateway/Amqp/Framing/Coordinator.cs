using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// coordinator (Part 4 §4.5.1): the target of a transaction controller's link. Messages sent to it are declare and
/// discharge control messages; it has no address.
/// <code>
/// &lt;descriptor name="amqp:coordinator:list" code="0x00000000:0x00000030"/&gt;
/// capabilities symbol[] (requires txn-capability)
/// </code>
/// </summary>
public sealed class Coordinator : AmqpComposite
{
    public const ulong Code = 0x30;
    public const string Name = "amqp:coordinator:list";

    private static readonly string[] Fields = ["capabilities"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>The transaction capabilities (<see cref="TxnCapability"/>) the controller asks for, or the coordinator supports.</summary>
    public AmqpSymbol[]? Capabilities { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override void WriteField(ref AmqpWriter writer, int index) => writer.WriteSymbolMultiple(Capabilities);

    private protected override void ReadField(ref AmqpReader reader, int index) => Capabilities = FieldCodec.NullIfEmpty(reader.ReadSymbolMultiple());
}
