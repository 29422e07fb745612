using Grains.Interfaces.Messages;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// <c>identifier [NOT] LIKE 'pattern' [ESCAPE 'c']</c> with a pattern compiled once. UNKNOWN when the identifier is
/// NULL; FALSE when it is not a string (a number header such as JMSPriority).
/// </summary>
internal sealed class LikeNode : SelectorNode
{
    private readonly IdentifierNode _identifier;
    private readonly LikePattern _pattern;
    private readonly bool _negated;

    public LikeNode(IdentifierNode identifier, LikePattern pattern, bool negated)
        : base(SelectorType.Boolean, 2)
    {
        _identifier = identifier;
        _pattern = pattern;
        _negated = negated;
    }

    public override SelectorValue Evaluate(BrokerMessage message)
    {
        var value = _identifier.Evaluate(message);
        if (value.IsNull)
        {
            return SelectorValue.Null;
        }
        if (value.Kind is not (SelectorValueKind.String or SelectorValueKind.Property))
        {
            return SelectorValue.False;
        }
        return SelectorValue.FromBoolean(_pattern.IsMatch(value.Text!) != _negated);
    }
}
