namespace Gateway.Mqtt.Topics;

/// <summary>MQTT topic names (PUBLISH, will, response topic): the broker-wide rules of
/// <see cref="Grains.Interfaces.Topics.TopicFilter.ValidateName"/>.</summary>
public static class TopicName
{
    /// <summary>Non-empty, no wildcards, no U+0000, at most 65,535 bytes of UTF-8 [MQTT-4.7.3-1..3] [MQTT-3.3.2-2].</summary>
    public static bool IsValid(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return Grains.Interfaces.Topics.TopicFilter.ValidateName(topic) is null;
    }

    public static bool IsSystemTopic(ReadOnlySpan<char> topic) => topic.Length > 0 && topic[0] == '$';
}
