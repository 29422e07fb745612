using Grains.Interfaces.Topics;

namespace Gateway.Mqtt.Topics;

/// <summary>
/// MQTT topic filters as a client writes them, <c>$share/{group}/{filter}</c> included. The level rules and matching
/// are the broker-wide ones of <see cref="Grains.Interfaces.Topics.TopicFilter"/>; this adds the shared-subscription
/// form (MQTT 5.0 §4.8.2).
/// </summary>
public static class TopicFilter
{
    /// <summary>Whether <paramref name="filter"/> is a valid filter or shared subscription [MQTT-4.7.1-1..3] [MQTT-4.8.2-1/2].</summary>
    public static bool IsValid(string filter)
    {
        ArgumentNullException.ThrowIfNull(filter);
        if (SharedSubscription.IsShared(filter))
        {
            return SharedSubscription.TryParse(filter, out var shared) && Grains.Interfaces.Topics.TopicFilter.Validate(shared.TopicFilter) is null;
        }
        return Grains.Interfaces.Topics.TopicFilter.Validate(filter) is null;
    }

    public static bool HasWildcards(ReadOnlySpan<char> filter) => filter.IndexOfAny('+', '#') >= 0;

    /// <summary>Whether <paramref name="filter"/> (a shared subscription matches through its inner filter) matches <paramref name="topic"/>.</summary>
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
        return Grains.Interfaces.Topics.TopicFilter.Matches(filter, topic);
    }

    public static bool Matches(string filter, string topic)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(topic);
        return Matches(filter.AsSpan(), topic.AsSpan());
    }
}
