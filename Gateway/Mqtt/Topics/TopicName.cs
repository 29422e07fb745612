using System.Text;

namespace Gateway.Mqtt.Topics;

/// <summary>Topic Name rules (MQTT 5.0 §4.7; 3.1.1 §4.7): the name a PUBLISH is sent to.</summary>
public static class TopicName
{
    /// <summary>
    /// True when <paramref name="topic"/> may be published to: at least one character [MQTT-4.7.3-1], no wildcard
    /// [MQTT-4.7.0-1] (3.1.1 [MQTT-4.7.1-1]), no U+0000 [MQTT-4.7.3-2], at most 65,535 bytes of UTF-8 [MQTT-4.7.3-3].
    /// Empty levels ("a//b", "/a", "a/") are allowed: '/' separates levels, it does not require content.
    /// </summary>
    public static bool IsValid(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return topic.Length > 0
            && topic.AsSpan().IndexOfAny('+', '#', '\0') < 0
            && FitsInUtf8String(topic);
    }

    /// <summary>True when the name starts with '$': reserved for the Server, never matched by a leading wildcard [MQTT-4.7.2-1].</summary>
    public static bool IsSystemTopic(ReadOnlySpan<char> topic) => topic.Length > 0 && topic[0] == '$';

    internal static bool FitsInUtf8String(string value) =>
        value.Length <= ushort.MaxValue / 3 || Encoding.UTF8.GetByteCount(value) <= ushort.MaxValue;
}
