namespace Grains.Interfaces.Selectors;

/// <summary>
/// A LIKE pattern compiled once into a sequence of steps: a literal character, <c>_</c> (any one character) or
/// <c>%</c> (any sequence, consecutive ones merged). Matching walks the text once and backtracks only to the last
/// <c>%</c> (the classic wildcard algorithm): no regular expression, no allocation per match. Characters are UTF-16
/// code units, as in Java.
/// </summary>
internal sealed class LikePattern
{
    private const char AnyOne = '\0';
    private const char AnySequence = '\u0001';

    // Literal characters, with AnyOne / AnySequence marking the wildcards (_isWildcard says which entries are).
    private readonly char[] _steps;
    private readonly bool[] _isWildcard;

    private LikePattern(char[] steps, bool[] isWildcard)
    {
        _steps = steps;
        _isWildcard = isWildcard;
    }

    /// <summary>Compiles <paramref name="pattern"/>; <paramref name="escape"/> makes the next <c>%</c>, <c>_</c> or
    /// itself literal. Errors are reported at <paramref name="position"/> (the pattern's position in the selector).</summary>
    public static LikePattern Compile(string pattern, char? escape, int position)
    {
        var steps = new List<char>(pattern.Length);
        var wildcard = new List<bool>(pattern.Length);
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (escape == c)
            {
                if (i + 1 >= pattern.Length)
                {
                    throw new SelectorParseException(position, $"the LIKE pattern '{pattern}' ends with its escape character '{c}'");
                }
                var next = pattern[++i];
                if (next != '%' && next != '_' && next != c)
                {
                    throw new SelectorParseException(position,
                        $"in the LIKE pattern '{pattern}' the escape character '{c}' must be followed by '%', '_' or itself, not '{next}'");
                }
                steps.Add(next);
                wildcard.Add(false);
            }
            else if (c == '%')
            {
                if (wildcard.Count == 0 || !wildcard[^1] || steps[^1] != AnySequence)
                {
                    steps.Add(AnySequence);
                    wildcard.Add(true);
                }
            }
            else if (c == '_')
            {
                steps.Add(AnyOne);
                wildcard.Add(true);
            }
            else
            {
                steps.Add(c);
                wildcard.Add(false);
            }
        }
        return new LikePattern([.. steps], [.. wildcard]);
    }

    public bool IsMatch(string text)
    {
        int p = 0, t = 0, starStep = -1, starText = 0;
        while (t < text.Length)
        {
            if (p < _steps.Length && IsAnySequence(p))
            {
                starStep = p++;
                starText = t;
            }
            else if (p < _steps.Length && (_isWildcard[p] || _steps[p] == text[t]))
            {
                p++;
                t++;
            }
            else if (starStep >= 0)
            {
                // Let the last % take one more character and try again from there.
                p = starStep + 1;
                t = ++starText;
            }
            else
            {
                return false;
            }
        }
        while (p < _steps.Length && IsAnySequence(p))
        {
            p++;
        }
        return p == _steps.Length;
    }

    private bool IsAnySequence(int step) => _isWildcard[step] && _steps[step] == AnySequence;
}
