using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// sasl-outcome (Part 5 §5.3.3.5): the result of the SASL dialog.
/// <code>
/// &lt;descriptor name="amqp:sasl-outcome:list" code="0x00000000:0x00000044"/&gt;
/// code sasl-code (mandatory) | additional-data binary
/// </code>
/// </summary>
/// <remarks>The spec's <c>code</c> field is <see cref="OutcomeCode"/> here (<c>Code</c> is the descriptor constant).</remarks>
public sealed class SaslOutcome : Performative
{
    public const ulong Code = 0x44;
    public const string Name = "amqp:sasl-outcome:list";

    private static readonly string[] Fields = ["code", "additional-data"];

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    public override FrameType FrameType => FrameType.Sasl;

    /// <summary>The spec's <c>code</c> field.</summary>
    public SaslCode OutcomeCode { get; set; }

    public ReadOnlyMemory<byte>? AdditionalData { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        if (index == 0)
        {
            writer.WriteUByte((byte)OutcomeCode);
        }
        else
        {
            writer.WriteBinary(AdditionalData);
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        if (index == 0)
        {
            OutcomeCode = FieldCodec.ReadSaslCode(ref reader);
        }
        else
        {
            AdditionalData = reader.ReadBinaryArray();
        }
    }
}
