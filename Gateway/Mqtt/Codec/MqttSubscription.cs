namespace Gateway.Mqtt.Codec;

/// <summary>One Topic Filter and its Subscription Options in a SUBSCRIBE payload (MQTT 5.0 §3.8.3).</summary>
/// <param name="TopicFilter">
/// The Topic Filter as sent, possibly a Shared Subscription <c>$share/{ShareName}/{filter}</c>. The codec checks only
/// that it is a UTF-8 Encoded String [MQTT-3.8.3-1]; wildcard placement is judged by the Session layer with
/// <see cref="Topics.TopicFilter.IsValid(string)"/>, because a bad filter is answered per subscription in the SUBACK
/// (0x8F Topic Filter invalid, or 0x80 in 3.1.1), not by closing the connection.
/// </param>
/// <param name="Options">The Subscription Options.</param>
public sealed record MqttSubscription(string TopicFilter, MqttSubscriptionOptions Options);
