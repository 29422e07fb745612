namespace Grains.Interfaces.Queues;

/// <summary>
/// Queues the broker makes for its own purposes, by name prefix: MQTT session inboxes and shared-subscription groups,
/// AMQP temporary queues and durable subscriptions, dead-letter queues. They are created on first use even when
/// auto-create is off (<c>Broker:AutoCreateQueues=false</c> governs the queues applications name).
/// </summary>
public static class BrokerManagedQueues
{
    public const string SessionInboxPrefix = "$session/";

    public const string SharedSubscriptionPrefix = "$share/";

    public const string TemporaryPrefix = "$temp/";

    public const string DurableSubscriptionPrefix = "$sub/";

    public const string DeadLetterPrefix = "DLQ.";

    private static readonly string[] _prefixes =
        [SessionInboxPrefix, SharedSubscriptionPrefix, TemporaryPrefix, DurableSubscriptionPrefix, DeadLetterPrefix];

    public static bool IsBrokerManaged(string queueName)
    {
        foreach (var prefix in _prefixes)
        {
            if (queueName.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }
}
