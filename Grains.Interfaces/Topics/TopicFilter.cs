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
        if (!FitsInUtf8String(filter))
        {
            return "a topic filter must be at most 65,535 bytes of UTF-8"; // [MQTT-4.7.3-3]
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
        if (!FitsInUtf8String(topic))
        {
            return "a topic name must be at most 65,535 bytes of UTF-8"; // [MQTT-4.7.3-3]
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

    /// <summary>Whether <paramref name="filter"/> matches <paramref name="topic"/> (both assumed valid). Allocation free.</summary>
    public static bool Matches(string filter, string topic) => Matches(filter.AsSpan(), topic.AsSpan());

    /// <inheritdoc cref="Matches(string, string)"/>
    public static bool Matches(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        if (topic.Length > 0 && topic[0] == '$' && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false; // [MQTT-4.7.2-1]
        }
        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];
            if (filterLevel is "#")
            {
                return true; // '#' is last and matches whatever is left, including nothing more
            }
            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }
            if (filterEnd < 0)
            {
                return topicEnd < 0; // the filter is used up: a match only if the topic is too
            }
            filter = filter[(filterEnd + 1)..];
            if (topicEnd < 0)
            {
                // The topic is used up but the filter goes on: only "/#" matches the parent level
                // ("sport/tennis/#" matches "sport/tennis", MQTT 5.0 §4.7.1.2).
                return filter is "#";
            }
            topic = topic[(topicEnd + 1)..];
        }
    }

    /// <summary>Topic names and filters are UTF-8 strings of at most 65,535 bytes [MQTT-4.7.3-3].</summary>
    private static bool FitsInUtf8String(string value) =>
        value.Length <= ushort.MaxValue / 3 || System.Text.Encoding.UTF8.GetByteCount(value) <= ushort.MaxValue;
}
