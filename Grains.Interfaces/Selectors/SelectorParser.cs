using System.Globalization;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// Recursive-descent parser of the JMS 2.0 message selector grammar (section 3.8.1.1), loosest binding first:
/// <code>
/// selector   := or END
/// or         := and (OR and)*
/// and        := not (AND not)*
/// not        := NOT not | predicate
/// predicate  := sum [ compare-op sum
///                   | [NOT] BETWEEN sum AND sum
///                   | [NOT] LIKE string [ESCAPE string]    (left side an identifier)
///                   | [NOT] IN '(' literal (',' literal)* ')'   (left side an identifier)
///                   | IS [NOT] NULL ]                       (left side an identifier)
/// sum        := product (('+' | '-') product)*
/// product    := unary (('*' | '/') unary)*
/// unary      := ('-' | '+') unary | primary
/// primary    := number | string | TRUE | FALSE | identifier | '(' or ')'
/// </code>
/// Types are checked where the parser can know them (literals, JMS headers, operators' results): strings and booleans
/// take part in = and &lt;&gt; only, arithmetic takes numbers, AND/OR/NOT take conditions, and the whole selector must
/// be a condition. Application properties are typed per message.
/// </summary>
internal sealed class SelectorParser
{
    /// <summary>Longest selector accepted (characters).</summary>
    public const int MaxLength = 64 * 1024;

    /// <summary>Deepest nesting accepted (parentheses, NOT, unary minus, operator chains): keeps both this parser's
    /// recursion and evaluation's far from the stack's limit.</summary>
    public const int MaxDepth = 100;

    private readonly List<SelectorToken> _tokens;
    private int _next;
    private int _nesting;

    private SelectorParser(List<SelectorToken> tokens) => _tokens = tokens;

    private SelectorToken Current => _tokens[_next];

    public static SelectorNode Parse(string text)
    {
        if (text.Length > MaxLength)
        {
            throw new SelectorParseException(MaxLength + 1, $"the selector is longer than {MaxLength} characters");
        }
        var parser = new SelectorParser(SelectorLexer.Tokenize(text));
        if (parser.Current.Kind == SelectorTokenKind.End)
        {
            throw new SelectorParseException(1, "the selector is empty");
        }
        var start = parser.Current;
        var root = parser.ParseOr();
        if (parser.Current.Kind != SelectorTokenKind.End)
        {
            throw parser.Unexpected("an operator, AND, OR or the end of the selector");
        }
        if (root.Type is not (SelectorType.Boolean or SelectorType.Any))
        {
            throw new SelectorParseException(start.Position, $"a selector must be a condition, not a {Describe(root.Type)} value");
        }
        return root;
    }

    private SelectorNode ParseOr()
    {
        var first = ParseAnd();
        if (Current.Kind != SelectorTokenKind.Or)
        {
            return first;
        }
        var operands = new List<SelectorNode> { RequireCondition(first, Current) };
        while (Current.Kind == SelectorTokenKind.Or)
        {
            var op = Take();
            operands.Add(RequireCondition(ParseAnd(), op));
        }
        return Checked(ConnectiveNode.Or([.. operands]), _tokens[_next - 1]);
    }

    private SelectorNode ParseAnd()
    {
        var first = ParseNot();
        if (Current.Kind != SelectorTokenKind.And)
        {
            return first;
        }
        var operands = new List<SelectorNode> { RequireCondition(first, Current) };
        while (Current.Kind == SelectorTokenKind.And)
        {
            var op = Take();
            operands.Add(RequireCondition(ParseNot(), op));
        }
        return Checked(ConnectiveNode.And([.. operands]), _tokens[_next - 1]);
    }

    private SelectorNode ParseNot()
    {
        if (Current.Kind != SelectorTokenKind.Not)
        {
            return ParsePredicate();
        }
        var op = Take();
        Enter(op);
        var operand = RequireCondition(ParseNot(), op);
        _nesting--;
        return Checked(new NotNode(operand), op);
    }

    private SelectorNode ParsePredicate()
    {
        var left = ParseSum();
        var token = Current;
        switch (token.Kind)
        {
            case SelectorTokenKind.Equal or SelectorTokenKind.NotEqual or SelectorTokenKind.Less or SelectorTokenKind.LessOrEqual
                or SelectorTokenKind.Greater or SelectorTokenKind.GreaterOrEqual:
                Take();
                return ParseComparison(token, left, ParseSum());
            case SelectorTokenKind.Is:
                Take();
                var isNot = TakeIf(SelectorTokenKind.Not);
                Expect(SelectorTokenKind.Null, "NULL");
                return new IsNullNode(RequireIdentifier(left, token, "IS NULL"), isNot);
            case SelectorTokenKind.Not:
                Take();
                if (Current.Kind is not (SelectorTokenKind.Between or SelectorTokenKind.Like or SelectorTokenKind.In))
                {
                    throw Unexpected("BETWEEN, LIKE or IN after NOT");
                }
                return ParseNegatable(left, negated: true);
            case SelectorTokenKind.Between or SelectorTokenKind.Like or SelectorTokenKind.In:
                return ParseNegatable(left, negated: false);
            default:
                return left;
        }
    }

    private SelectorNode ParseNegatable(SelectorNode left, bool negated)
    {
        var op = Take();
        switch (op.Kind)
        {
            case SelectorTokenKind.Between:
                RequireNumeric(left, op, "BETWEEN");
                var low = RequireNumeric(ParseSum(), op, "BETWEEN");
                Expect(SelectorTokenKind.And, "AND (of BETWEEN ... AND ...)");
                var high = RequireNumeric(ParseSum(), op, "BETWEEN");
                return Checked(new BetweenNode(left, low, high, negated), op);
            case SelectorTokenKind.Like:
                var identifier = RequireIdentifier(left, op, "LIKE");
                var pattern = Expect(SelectorTokenKind.String, "a string pattern after LIKE");
                char? escape = null;
                if (TakeIf(SelectorTokenKind.Escape))
                {
                    var escapeToken = Expect(SelectorTokenKind.String, "a one-character string after ESCAPE");
                    if (escapeToken.Text.Length != 1)
                    {
                        throw new SelectorParseException(escapeToken.Position,
                            $"the ESCAPE character must be one character, not '{escapeToken.Text}'");
                    }
                    escape = escapeToken.Text[0];
                }
                return new LikeNode(identifier, LikePattern.Compile(pattern.Text, escape, pattern.Position), negated);
            default:
                var member = RequireIdentifier(left, op, "IN");
                Expect(SelectorTokenKind.LeftParen, "'(' after IN");
                var values = new List<SelectorValue>();
                do
                {
                    var value = ParseSum();
                    if (value is not LiteralNode literal || literal.Type is not (SelectorType.String or SelectorType.Numeric))
                    {
                        throw new SelectorParseException(_tokens[_next - 1].Position, "an IN list holds string or number literals only");
                    }
                    values.Add(literal.Value);
                }
                while (TakeIf(SelectorTokenKind.Comma));
                Expect(SelectorTokenKind.RightParen, "')'");
                return new InNode(member, [.. values], negated);
        }
    }

    private SelectorNode ParseComparison(SelectorToken op, SelectorNode left, SelectorNode right)
    {
        var kind = op.Kind switch
        {
            SelectorTokenKind.Equal => ComparisonOperator.Equal,
            SelectorTokenKind.NotEqual => ComparisonOperator.NotEqual,
            SelectorTokenKind.Less => ComparisonOperator.Less,
            SelectorTokenKind.LessOrEqual => ComparisonOperator.LessOrEqual,
            SelectorTokenKind.Greater => ComparisonOperator.Greater,
            _ => ComparisonOperator.GreaterOrEqual,
        };
        if (kind is not (ComparisonOperator.Equal or ComparisonOperator.NotEqual))
        {
            RequireNumeric(left, op, op.Text);
            RequireNumeric(right, op, op.Text);
        }
        else if (left.Type != SelectorType.Any && right.Type != SelectorType.Any && left.Type != right.Type)
        {
            throw new SelectorParseException(op.Position, $"cannot compare a {Describe(left.Type)} with a {Describe(right.Type)}");
        }
        return Checked(new ComparisonNode(kind, left, right), op);
    }

    private SelectorNode ParseSum()
    {
        var left = ParseProduct();
        while (Current.Kind is SelectorTokenKind.Plus or SelectorTokenKind.Minus)
        {
            var op = Take();
            RequireNumeric(left, op, op.Text);
            var right = RequireNumeric(ParseProduct(), op, op.Text);
            left = Checked(new ArithmeticNode(op.Kind == SelectorTokenKind.Plus ? ArithmeticOperator.Add : ArithmeticOperator.Subtract, left, right), op);
        }
        return left;
    }

    private SelectorNode ParseProduct()
    {
        var left = ParseUnary();
        while (Current.Kind is SelectorTokenKind.Star or SelectorTokenKind.Slash)
        {
            var op = Take();
            RequireNumeric(left, op, op.Text);
            var right = RequireNumeric(ParseUnary(), op, op.Text);
            left = Checked(new ArithmeticNode(op.Kind == SelectorTokenKind.Star ? ArithmeticOperator.Multiply : ArithmeticOperator.Divide, left, right), op);
        }
        return left;
    }

    private SelectorNode ParseUnary()
    {
        if (Current.Kind is not (SelectorTokenKind.Minus or SelectorTokenKind.Plus))
        {
            return ParsePrimary();
        }
        var op = Take();
        if (op.Kind == SelectorTokenKind.Minus && Current.Kind is SelectorTokenKind.Integer or SelectorTokenKind.Float)
        {
            // A negative literal is one number (so -9223372036854775808 fits in a long).
            return Number(Take(), negative: true);
        }
        Enter(op);
        var operand = RequireNumeric(ParseUnary(), op, "unary " + op.Text);
        _nesting--;
        return op.Kind == SelectorTokenKind.Plus ? operand : Checked(new NegateNode(operand), op);
    }

    private SelectorNode ParsePrimary()
    {
        var token = Current;
        if (token.Kind is not (SelectorTokenKind.Integer or SelectorTokenKind.Float or SelectorTokenKind.String or SelectorTokenKind.True
            or SelectorTokenKind.False or SelectorTokenKind.Identifier or SelectorTokenKind.LeftParen or SelectorTokenKind.Null))
        {
            throw Unexpected("a value, an identifier or '('");
        }
        Take();
        switch (token.Kind)
        {
            case SelectorTokenKind.Integer or SelectorTokenKind.Float:
                return Number(token, negative: false);
            case SelectorTokenKind.String:
                return new LiteralNode(SelectorValue.FromString(token.Text), SelectorType.String);
            case SelectorTokenKind.True or SelectorTokenKind.False:
                return new LiteralNode(SelectorValue.FromBoolean(token.Kind == SelectorTokenKind.True), SelectorType.Boolean);
            case SelectorTokenKind.Identifier:
                return (IdentifierNode?)HeaderNode.TryCreate(token.Text) ?? new PropertyNode(token.Text);
            case SelectorTokenKind.LeftParen:
                Enter(token);
                var inner = ParseOr();
                Expect(SelectorTokenKind.RightParen, "')'");
                _nesting--;
                return inner;
            default:
                throw new SelectorParseException(token.Position, "NULL is not a value here; test for it with IS NULL or IS NOT NULL");
        }
    }

    private static LiteralNode Number(SelectorToken token, bool negative)
    {
        var text = negative ? "-" + token.Text : token.Text;
        if (token.Kind == SelectorTokenKind.Integer)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                throw new SelectorParseException(token.Position, $"the integer {text} is out of range (64-bit)");
            }
            return new LiteralNode(SelectorValue.FromInteger(integer), SelectorType.Numeric);
        }
        var real = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        if (double.IsInfinity(real))
        {
            throw new SelectorParseException(token.Position, $"the number {text} is out of range");
        }
        return new LiteralNode(SelectorValue.FromFloat(real), SelectorType.Numeric);
    }

    private SelectorToken Take()
    {
        var token = _tokens[_next];
        if (token.Kind != SelectorTokenKind.End)
        {
            _next++;
        }
        return token;
    }

    private bool TakeIf(SelectorTokenKind kind)
    {
        if (Current.Kind != kind)
        {
            return false;
        }
        _next++;
        return true;
    }

    private SelectorToken Expect(SelectorTokenKind kind, string what) => Current.Kind == kind ? Take() : throw Unexpected(what);

    private SelectorParseException Unexpected(string expected) =>
        new(Current.Position, $"expected {expected} but found {Current.Describe()}");

    private void Enter(SelectorToken token)
    {
        if (++_nesting > MaxDepth)
        {
            throw new SelectorParseException(token.Position, $"the selector is nested more than {MaxDepth} levels deep");
        }
    }

    private static T Checked<T>(T node, SelectorToken at)
        where T : SelectorNode =>
        node.Depth > MaxDepth ? throw new SelectorParseException(at.Position, $"the selector is nested more than {MaxDepth} levels deep") : node;

    private static SelectorNode RequireCondition(SelectorNode node, SelectorToken op) =>
        node.Type is SelectorType.Boolean or SelectorType.Any
            ? node
            : throw new SelectorParseException(op.Position, $"{op.Text.ToUpperInvariant()} needs conditions, not a {Describe(node.Type)} value");

    private static SelectorNode RequireNumeric(SelectorNode node, SelectorToken op, string what) =>
        node.Type is SelectorType.Numeric or SelectorType.Any
            ? node
            : throw new SelectorParseException(op.Position, $"{what} needs numbers, not a {Describe(node.Type)} value");

    private static IdentifierNode RequireIdentifier(SelectorNode node, SelectorToken op, string what) =>
        node as IdentifierNode ?? throw new SelectorParseException(op.Position, $"{what} applies to an identifier (a header or property name) only");

    private static string Describe(SelectorType type) => type switch
    {
        SelectorType.Boolean => "boolean",
        SelectorType.Numeric => "number",
        _ => "string",
    };
}
