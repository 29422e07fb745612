using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>identifier [NOT] IN (literal, ...)</c>: TRUE when the identifier equals one of the literals (by the = rules),
/// UNKNOWN when the identifier is NULL.
/// </summary>
internal sealed class InNode : SelectorNode
{
    private readonly IdentifierNode _identifier;
    private readonly SelectorValue[] _values;
    private readonly bool _negated;

    public InNode(IdentifierNode identifier, SelectorValue[] values, bool negated)
        : base(SelectorType.Boolean, 2)
    {
        _identifier = identifier;
        _values = values;
        _negated = negated;
    }

    public override SelectorValue Evaluate(BrokerMessage message)
    {
        var value = _identifier.Evaluate(message);
        if (value.IsNull)
        {
            return SelectorValue.Null;
        }
        var found = false;
        foreach (var candidate in _values)
        {
            if (SelectorOperations.Compare(ComparisonOperator.Equal, value, candidate).Boolean)
            {
                found = true;
                break;
            }
        }
        return SelectorValue.FromBoolean(found != _negated);
    }
}
