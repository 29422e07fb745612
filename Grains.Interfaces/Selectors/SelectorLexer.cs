using System.Text;

namespace Grains.Interfaces.Selectors;

/// <summary>
/// Splits a selector into tokens (JMS 2.0, section 3.8.1.1): identifiers (Java identifier characters, case-sensitive),
/// keywords (case-insensitive), string literals in single quotes with <c>''</c> for a quote, exact numbers (digits,
/// optional <c>L</c> suffix), approximate numbers (<c>7.</c>, <c>.5</c>, <c>6.2</c>, <c>57E2</c>, <c>7e-3</c>),
/// operators and parentheses.
/// </summary>
internal static class SelectorLexer
{
    public static List<SelectorToken> Tokenize(string text)
    {
        var tokens = new List<SelectorToken>();
        var i = 0;
        while (true)
        {
            while (i < text.Length && IsWhiteSpace(text[i]))
            {
                i++;
            }
            if (i >= text.Length)
            {
                tokens.Add(new SelectorToken(SelectorTokenKind.End, string.Empty, text.Length + 1));
                return tokens;
            }
            var start = i;
            var c = text[i];
            if (IsIdentifierStart(c))
            {
                while (i < text.Length && IsIdentifierPart(text[i]))
                {
                    i++;
                }
                var word = text[start..i];
                tokens.Add(new SelectorToken(Keyword(word), word, start + 1));
            }
            else if (char.IsAsciiDigit(c) || (c == '.' && i + 1 < text.Length && char.IsAsciiDigit(text[i + 1])))
            {
                tokens.Add(ReadNumber(text, ref i));
            }
            else if (c == '\'')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else
            {
                tokens.Add(ReadOperator(text, ref i));
            }
        }
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\n' or '\r' or '\f';

    private static bool IsIdentifierStart(char c) => char.IsLetter(c) || c is '_' or '$';

    private static bool IsIdentifierPart(char c) => char.IsLetterOrDigit(c) || c is '_' or '$';

    private static SelectorTokenKind Keyword(string word) => word.ToUpperInvariant() switch
    {
        "AND" => SelectorTokenKind.And,
        "OR" => SelectorTokenKind.Or,
        "NOT" => SelectorTokenKind.Not,
        "BETWEEN" => SelectorTokenKind.Between,
        "LIKE" => SelectorTokenKind.Like,
        "ESCAPE" => SelectorTokenKind.Escape,
        "IN" => SelectorTokenKind.In,
        "IS" => SelectorTokenKind.Is,
        "NULL" => SelectorTokenKind.Null,
        "TRUE" => SelectorTokenKind.True,
        "FALSE" => SelectorTokenKind.False,
        _ => SelectorTokenKind.Identifier,
    };

    private static SelectorToken ReadNumber(string text, ref int i)
    {
        var start = i;
        var isFloat = false;
        while (i < text.Length && char.IsAsciiDigit(text[i]))
        {
            i++;
        }
        if (i < text.Length && text[i] == '.')
        {
            isFloat = true;
            i++;
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        if (i < text.Length && text[i] is 'e' or 'E')
        {
            isFloat = true;
            i++;
            if (i < text.Length && text[i] is '+' or '-')
            {
                i++;
            }
            if (i >= text.Length || !char.IsAsciiDigit(text[i]))
            {
                throw new SelectorParseException(i + 1, "expected the digits of an exponent");
            }
            while (i < text.Length && char.IsAsciiDigit(text[i]))
            {
                i++;
            }
        }
        var number = text[start..i];
        if (!isFloat && i < text.Length && text[i] is 'l' or 'L')
        {
            i++;
        }
        if (i < text.Length && IsIdentifierPart(text[i]))
        {
            throw new SelectorParseException(i + 1, $"unexpected '{text[i]}' after the number {number}");
        }
        return new SelectorToken(isFloat ? SelectorTokenKind.Float : SelectorTokenKind.Integer, number, start + 1);
    }

    private static SelectorToken ReadString(string text, ref int i)
    {
        var start = i;
        var value = new StringBuilder();
        i++;
        while (true)
        {
            if (i >= text.Length)
            {
                throw new SelectorParseException(start + 1, "string literal is not closed (missing ')");
            }
            if (text[i] == '\'')
            {
                if (i + 1 < text.Length && text[i + 1] == '\'')
                {
                    value.Append('\'');
                    i += 2;
                    continue;
                }
                i++;
                return new SelectorToken(SelectorTokenKind.String, value.ToString(), start + 1);
            }
            value.Append(text[i]);
            i++;
        }
    }

    private static SelectorToken ReadOperator(string text, ref int i)
    {
        var start = i;
        var c = text[i];
        var next = i + 1 < text.Length ? text[i + 1] : '\0';
        (SelectorTokenKind Kind, int Length) op = c switch
        {
            '(' => (SelectorTokenKind.LeftParen, 1),
            ')' => (SelectorTokenKind.RightParen, 1),
            ',' => (SelectorTokenKind.Comma, 1),
            '=' => (SelectorTokenKind.Equal, 1),
            '+' => (SelectorTokenKind.Plus, 1),
            '-' => (SelectorTokenKind.Minus, 1),
            '*' => (SelectorTokenKind.Star, 1),
            '/' => (SelectorTokenKind.Slash, 1),
            '<' when next == '>' => (SelectorTokenKind.NotEqual, 2),
            '<' when next == '=' => (SelectorTokenKind.LessOrEqual, 2),
            '<' => (SelectorTokenKind.Less, 1),
            '>' when next == '=' => (SelectorTokenKind.GreaterOrEqual, 2),
            '>' => (SelectorTokenKind.Greater, 1),
            '!' when next == '=' => throw new SelectorParseException(start + 1, "'!=' is not a selector operator; use '<>'"),
            '"' => throw new SelectorParseException(start + 1, "string literals are in single quotes ('...'), not double quotes"),
            _ => throw new SelectorParseException(start + 1, $"unexpected character '{c}'"),
        };
        i += op.Length;
        return new SelectorToken(op.Kind, text.Substring(start, op.Length), start + 1);
    }
}
