namespace Gateway.Mqtt.Topics;

/// <summary>
/// Topic Filter rules and matching (MQTT 5.0 §4.7; 3.1.1 §4.7). Levels are separated by '/'; '+' matches exactly one
/// level (possibly empty) and '#' matches the parent level and any number of child levels.
/// </summary>
public static class TopicFilter
{
    /// <summary>
    /// True when <paramref name="filter"/> is a well-formed Topic Filter: at least one character [MQTT-4.7.3-1], no
    /// U+0000 [MQTT-4.7.3-2], at most 65,535 bytes [MQTT-4.7.3-3]; '#' only as a whole last level [MQTT-4.7.1-1]
    /// (3.1.1 [MQTT-4.7.1-2]); '+' only as a whole level [MQTT-4.7.1-2] (3.1.1 [MQTT-4.7.1-3]). A Shared Subscription
    /// must also satisfy <see cref="SharedSubscription.TryParse"/> and its inner filter these same rules.
    /// </summary>
    public static bool IsValid(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (filter.Length == 0 || filter.Contains('\0', StringComparison.Ordinal) || !TopicName.FitsInUtf8String(filter))
        {
            return false;
        }
        if (SharedSubscription.IsShared(filter))
        {
            return SharedSubscription.TryParse(filter, out var shared) && IsValidLevels(shared.TopicFilter);
        }
        return IsValidLevels(filter);
    }

    /// <summary>True when the filter contains '+' or '#' (it can match more than one Topic Name).</summary>
    public static bool HasWildcards(ReadOnlySpan<char> filter) => filter.IndexOfAny('+', '#') >= 0;

    /// <summary>
    /// True when Topic Name <paramref name="topic"/> matches <paramref name="filter"/>. A Shared Subscription filter
    /// matches through its inner filter. A filter starting with a wildcard does not match a Topic Name starting with '$'
    /// [MQTT-4.7.2-1]. No normalization is applied: comparison is ordinal, character by character [MQTT-4.7.3-4].
    /// Both arguments are assumed valid (<see cref="IsValid"/>, <see cref="TopicName.IsValid"/>). Allocates nothing.
    /// </summary>
    public static bool Matches(ReadOnlySpan<char> filter, ReadOnlySpan<char> topic)
    {
        if (SharedSubscription.IsShared(filter))
        {
            var rest = filter[SharedSubscription.Prefix.Length..];
            var slash = rest.IndexOf('/');
            if (slash < 0)
            {
                return false;
            }
            filter = rest[(slash + 1)..];
        }
        if (TopicName.IsSystemTopic(topic) && filter.Length > 0 && filter[0] is '+' or '#')
        {
            return false; // [MQTT-4.7.2-1]
        }
        while (true)
        {
            var filterEnd = filter.IndexOf('/');
            var filterLevel = filterEnd < 0 ? filter : filter[..filterEnd];
            if (filterLevel is "#")
            {
                return true; // '#' is last and matches whatever is left, including nothing more.
            }
            var topicEnd = topic.IndexOf('/');
            var topicLevel = topicEnd < 0 ? topic : topic[..topicEnd];
            if (filterLevel is not "+" && !filterLevel.SequenceEqual(topicLevel))
            {
                return false;
            }
            if (filterEnd < 0)
            {
                return topicEnd < 0; // the filter is used up: match only if the topic is too
            }
            filter = filter[(filterEnd + 1)..];
            if (topicEnd < 0)
            {
                // The topic is used up but the filter goes on: only "/#" remains to match the parent level
                // ("sport/tennis/#" matches "sport/tennis", MQTT 5.0 §4.7.1.2).
                return filter is "#";
            }
            topic = topic[(topicEnd + 1)..];
        }
    }

    /// <summary>Matches two strings; see <see cref="Matches(ReadOnlySpan{char}, ReadOnlySpan{char})"/>.</summary>
    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        return Matches(filter.AsSpan(), topic.AsSpan());
    }

    private static bool IsValidLevels(ReadOnlySpan<char> filter)
    {
        while (true)
        {
            var end = filter.IndexOf('/');
            var level = end < 0 ? filter : filter[..end];
            if (level.IndexOfAny('+', '#') >= 0)
            {
                if (level is "#")
                {
                    if (end >= 0)
                    {
                        return false; // '#' must be the last level [MQTT-4.7.1-1]
                    }
                }
                else if (level is not "+")
                {
                    return false; // a wildcard must occupy the whole level [MQTT-4.7.1-1] [MQTT-4.7.1-2]
                }
            }
            if (end < 0)
            {
                return true;
            }
            filter = filter[(end + 1)..];
        }
    }
}
