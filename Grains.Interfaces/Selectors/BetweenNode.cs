using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>x [NOT] BETWEEN low AND high</c>, which is <c>low &lt;= x AND x &lt;= high</c> (negated: <c>x &lt; low OR
/// x &gt; high</c>) with three-valued logic.
/// </summary>
internal sealed class BetweenNode : SelectorNode
{
    private readonly SelectorNode _value;
    private readonly SelectorNode _low;
    private readonly SelectorNode _high;
    private readonly bool _negated;

    public BetweenNode(SelectorNode value, SelectorNode low, SelectorNode high, bool negated)
        : base(SelectorType.Boolean, 1 + Math.Max(value.Depth, Math.Max(low.Depth, high.Depth)))
    {
        _value = value;
        _low = low;
        _high = high;
        _negated = negated;
    }

    public override SelectorValue Evaluate(BrokerMessage message)
    {
        var value = _value.Evaluate(message);
        var aboveLow = SelectorOperations.Compare(ComparisonOperator.GreaterOrEqual, value, _low.Evaluate(message));
        var belowHigh = SelectorOperations.Compare(ComparisonOperator.LessOrEqual, value, _high.Evaluate(message));
        var within = (aboveLow.AsTruth(), belowHigh.AsTruth()) switch
        {
            (false, _) or (_, false) => SelectorValue.False,
            (true, true) => SelectorValue.True,
            _ => SelectorValue.Null,
        };
        return within.IsNull || !_negated ? within : SelectorValue.FromBoolean(!within.Boolean);
    }
}
