using Gateway.Amqp.Types;

namespace Gateway.Amqp.Framing;

/// <summary>
/// error (Part 2 §2.8.14): details of an error, carried by detach, end, close and the rejected outcome.
/// <code>
/// &lt;descriptor name="amqp:error:list" code="0x00000000:0x0000001d"/&gt;
/// condition symbol (mandatory) | description string | info fields
/// </code>
/// </summary>
public sealed class Error : AmqpComposite
{
    public const ulong Code = 0x1d;
    public const string Name = "amqp:error:list";

    private static readonly string[] Fields = ["condition", "description", "info"];

    public Error()
    {
    }

    public Error(AmqpSymbol condition, string? description = null)
    {
        Condition = condition;
        Description = description;
    }

    public override ulong DescriptorCode => Code;

    public override string DescriptorName => Name;

    /// <summary>A symbolic error condition, see <see cref="AmqpErrorCondition"/>.</summary>
    public AmqpSymbol Condition { get; set; }

    /// <summary>"Descriptive text about the error condition", for a person to act on.</summary>
    public string? Description { get; set; }

    /// <summary>Map carrying information about the error condition.</summary>
    public AmqpMap? Info { get; set; }

    private protected override string[] FieldNames => Fields;

    private protected override uint MandatoryFields => 0b1;

    private protected override void WriteField(ref AmqpWriter writer, int index)
    {
        switch (index)
        {
            case 0:
                writer.WriteSymbol(Condition);
                break;
            case 1:
                writer.WriteString(Description);
                break;
            default:
                writer.WriteMap(Info);
                break;
        }
    }

    private protected override void ReadField(ref AmqpReader reader, int index)
    {
        switch (index)
        {
            case 0:
                Condition = reader.ReadSymbol();
                break;
            case 1:
                Description = reader.ReadString();
                break;
            default:
                Info = reader.ReadMap();
                break;
        }
    }
}
