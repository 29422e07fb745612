using System.Globalization;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// The evaluation rules (JMS 2.0, section 3.8.1.2), shared by the nodes:
/// <list type="bullet">
/// <item>A NULL operand makes a comparison or arithmetic UNKNOWN (null here).</item>
/// <item>Numbers compare and compute with Java's numeric promotion: integer with integer stays integer (overflow
/// continues in floating point; integer division by zero is UNKNOWN), anything with a float is float.</item>
/// <item>Strings and booleans compare with = and &lt;&gt; only; an ordering comparison of them is FALSE, as is a
/// comparison of values of unlike types.</item>
/// <item>An application property is a string that takes the other operand's type when it can: it compares as a number
/// with a number when it parses as one, as a boolean with a boolean when it is 'true'/'false' (any case), as a string
/// otherwise; in arithmetic it is a number or, when it does not parse as one, UNKNOWN; as a condition it is TRUE,
/// FALSE or UNKNOWN.</item>
/// </list>
/// </summary>
internal static class SelectorOperations
{
    /// <summary>A value used as a condition: TRUE, FALSE, or UNKNOWN (<see cref="SelectorValue.Null"/>).</summary>
    public static SelectorValue ToTruth(SelectorValue value) => value.Kind switch
    {
        SelectorValueKind.Boolean => value,
        SelectorValueKind.Property when TryParseBoolean(value.Text!, out var b) => SelectorValue.FromBoolean(b),
        _ => SelectorValue.Null,
    };

    public static SelectorValue Compare(ComparisonOperator op, SelectorValue left, SelectorValue right)
    {
        if (left.IsNull || right.IsNull)
        {
            return SelectorValue.Null;
        }
        if (left.Kind == SelectorValueKind.Property || right.Kind == SelectorValueKind.Property)
        {
            if (!Coerce(ref left, ref right))
            {
                return SelectorValue.False;
            }
        }
        if (left.IsNumber && right.IsNumber)
        {
            var order = left.Kind == SelectorValueKind.Integer && right.Kind == SelectorValueKind.Integer
                ? left.Integer.CompareTo(right.Integer)
                : CompareFloats(left.Float, right.Float);
            if (order is not { } o)
            {
                return SelectorValue.FromBoolean(op == ComparisonOperator.NotEqual);
            }
            return SelectorValue.FromBoolean(op switch
            {
                ComparisonOperator.Equal => o == 0,
                ComparisonOperator.NotEqual => o != 0,
                ComparisonOperator.Less => o < 0,
                ComparisonOperator.LessOrEqual => o <= 0,
                ComparisonOperator.Greater => o > 0,
                _ => o >= 0,
            });
        }
        bool equal;
        if (left.Kind == SelectorValueKind.String && right.Kind == SelectorValueKind.String)
        {
            equal = string.Equals(left.Text, right.Text, StringComparison.Ordinal);
        }
        else if (left.Kind == SelectorValueKind.Boolean && right.Kind == SelectorValueKind.Boolean)
        {
            equal = left.Boolean == right.Boolean;
        }
        else
        {
            return SelectorValue.False; // unlike types
        }
        return op switch
        {
            ComparisonOperator.Equal => SelectorValue.FromBoolean(equal),
            ComparisonOperator.NotEqual => SelectorValue.FromBoolean(!equal),
            _ => SelectorValue.False, // strings and booleans have no order in JMS selectors
        };
    }

    public static SelectorValue Arithmetic(ArithmeticOperator op, SelectorValue left, SelectorValue right)
    {
        if (!TryToNumber(left, out left) || !TryToNumber(right, out right))
        {
            return SelectorValue.Null;
        }
        if (left.Kind == SelectorValueKind.Integer && right.Kind == SelectorValueKind.Integer)
        {
            long a = left.Integer, b = right.Integer;
            switch (op)
            {
                case ArithmeticOperator.Add when !(b > 0 ? a > long.MaxValue - b : a < long.MinValue - b):
                    return SelectorValue.FromInteger(a + b);
                case ArithmeticOperator.Subtract when !(b < 0 ? a > long.MaxValue + b : a < long.MinValue + b):
                    return SelectorValue.FromInteger(a - b);
                case ArithmeticOperator.Multiply when Math.BigMul(a, b, out var low) == (low < 0 ? -1 : 0):
                    return SelectorValue.FromInteger(low);
                case ArithmeticOperator.Divide when b == 0:
                    return SelectorValue.Null;
                case ArithmeticOperator.Divide when !(a == long.MinValue && b == -1):
                    return SelectorValue.FromInteger(a / b);
            }
            // Overflow: carry on in floating point rather than wrap around.
        }
        double x = left.Float, y = right.Float;
        return SelectorValue.FromFloat(op switch
        {
            ArithmeticOperator.Add => x + y,
            ArithmeticOperator.Subtract => x - y,
            ArithmeticOperator.Multiply => x * y,
            _ => x / y,
        });
    }

    public static SelectorValue Negate(SelectorValue value)
    {
        if (!TryToNumber(value, out value))
        {
            return SelectorValue.Null;
        }
        return value.Kind == SelectorValueKind.Integer && value.Integer != long.MinValue
            ? SelectorValue.FromInteger(-value.Integer)
            : SelectorValue.FromFloat(-value.Float);
    }

    /// <summary>A number, or a property that parses as one; false for anything else (NULL included).</summary>
    public static bool TryToNumber(SelectorValue value, out SelectorValue number)
    {
        number = value;
        if (value.IsNumber)
        {
            return true;
        }
        return value.Kind == SelectorValueKind.Property && TryParseNumber(value.Text!, out number);
    }

    public static bool TryParseNumber(string text, out SelectorValue number)
    {
        var span = text.AsSpan().Trim();
        // Only what looks like a number: double.TryParse alone would also take "NaN" and "Infinity".
        if (span.Length > 0 && (char.IsAsciiDigit(span[^1]) || span[^1] == '.'))
        {
            if (long.TryParse(span, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            {
                number = SelectorValue.FromInteger(integer);
                return true;
            }
            if (double.TryParse(span, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent,
                CultureInfo.InvariantCulture, out var real))
            {
                number = SelectorValue.FromFloat(real);
                return true;
            }
        }
        number = SelectorValue.Null;
        return false;
    }

    private static bool TryParseBoolean(string text, out bool value)
    {
        if (text.Equals("true", StringComparison.OrdinalIgnoreCase))
        {
            value = true;
            return true;
        }
        value = false;
        return text.Equals("false", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Gives a property operand the type of the other operand; false when it cannot take it.</summary>
    private static bool Coerce(ref SelectorValue left, ref SelectorValue right)
    {
        if (left.Kind == SelectorValueKind.Property && right.Kind == SelectorValueKind.Property)
        {
            if (TryParseNumber(left.Text!, out var l) && TryParseNumber(right.Text!, out var r))
            {
                (left, right) = (l, r);
            }
            else if (TryParseBoolean(left.Text!, out var lb) && TryParseBoolean(right.Text!, out var rb))
            {
                (left, right) = (SelectorValue.FromBoolean(lb), SelectorValue.FromBoolean(rb));
            }
            else
            {
                (left, right) = (SelectorValue.FromString(left.Text), SelectorValue.FromString(right.Text));
            }
            return true;
        }
        return left.Kind == SelectorValueKind.Property ? CoerceTo(ref left, right.Kind) : CoerceTo(ref right, left.Kind);
    }

    private static bool CoerceTo(ref SelectorValue property, SelectorValueKind kind)
    {
        var text = property.Text!;
        switch (kind)
        {
            case SelectorValueKind.Integer or SelectorValueKind.Float:
                return TryParseNumber(text, out property);
            case SelectorValueKind.Boolean when TryParseBoolean(text, out var b):
                property = SelectorValue.FromBoolean(b);
                return true;
            case SelectorValueKind.String:
                property = SelectorValue.FromString(text);
                return true;
            default:
                return false;
        }
    }

    /// <summary>Order of two doubles; null when either is NaN (then only &lt;&gt; holds, as in Java).</summary>
    private static int? CompareFloats(double a, double b) => double.IsNaN(a) || double.IsNaN(b) ? null : a.CompareTo(b);
}
