namespace Grains.Interfaces.Topics;

/// <summary>
/// Topic names and filters, one namespace for MQTT and AMQP (<c>/topics/FILTER</c>): levels separated by '/',
/// '+' matches exactly one level, '#' (last level only) matches the parent level and any number of levels below.
/// A leading wildcard does not match topics starting with '$' (MQTT 4.7.2: <c>$SYS/...</c> is not matched by
/// <c>#</c> or <c>+/...</c>).
/// </summary>
public static class TopicFilter
{
    /// <summary>Null when <paramref name="filter"/> is a valid filter, else why not.</summary>
    public static string? Validate(string filter)
    {
        if (filter.Length == 0)
        {
            return "a topic filter must be at least one character long"; // [MQTT-4.7.3-1]
        }
        for (var i = 0; i < filter.Length; i++)
        {
            var c = filter[i];
            if (c == '\0')
            {
                return "a topic filter must not contain U+0000";
            }
            if (c == '#')
            {
                // [MQTT-4.7.1-1] '#' alone or after a separator, and last.
                if ((i > 0 && filter[i - 1] != '/') || i != filter.Length - 1)
                {
                    return "'#' must be the last character and occupy a whole level";
                }
            }
            else if (c == '+')
            {
                // [MQTT-4.7.1-2] '+' occupies a whole level.
                if ((i > 0 && filter[i - 1] != '/') || (i < filter.Length - 1 && filter[i + 1] != '/'))
                {
                    return "'+' must occupy a whole level";
                }
            }
        }
        return null;
    }

    /// <summary>Null when <paramref name="topic"/> is a valid topic name (no wildcards), else why not.</summary>
    public static string? ValidateName(string topic)
    {
        if (topic.Length == 0)
        {
            return "a topic name must be at least one character long"; // [MQTT-4.7.3-1]
        }
        foreach (var c in topic)
        {
            if (c is '+' or '#')
            {
                return "a topic name must not contain wildcards"; // [MQTT-3.3.2-2]
            }
            if (c == '\0')
            {
                return "a topic name must not contain U+0000";
            }
        }
        return null;
    }

    public static bool HasWildcards(string filter) => filter.AsSpan().IndexOfAny('+', '#') >= 0;

    /// <summary>Whether <paramref name="filter"/> matches <paramref name="topic"/> (both assumed valid).</summary>
    public static bool Matches(string filter, string topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false; // [MQTT-4.7.2-1]
        }
        var f = filter.AsSpan();
        var t = topic.AsSpan();
        while (true)
        {
            var fEnd = f.IndexOf('/');
            var fLevel = fEnd < 0 ? f : f[..fEnd];
            if (fLevel.Length == 1 && fLevel[0] == '#')
            {
                return true;
            }
            var tEnd = t.IndexOf('/');
            var tLevel = tEnd < 0 ? t : t[..tEnd];
            if (!(fLevel.Length == 1 && fLevel[0] == '+') && !fLevel.SequenceEqual(tLevel))
            {
                return false;
            }
            if (fEnd < 0 || tEnd < 0)
            {
                // Both ended: match. Filter continues with exactly "/#": matches the parent level too [MQTT-4.7.1-2].
                return fEnd < 0 && tEnd < 0 || (tEnd < 0 && f[(fEnd + 1)..] is ['#']);
            }
            f = f[(fEnd + 1)..];
            t = t[(tEnd + 1)..];
        }
    }
}
