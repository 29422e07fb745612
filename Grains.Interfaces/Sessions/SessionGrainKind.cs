namespace Grains.Interfaces.Sessions;

/// <summary>MQTT sessions: <c>session/{clientId}</c>; a session's inbox is the queue <c>$session/{clientId}</c> and a shared
/// subscription's is <c>$share/{group}/{filter}</c>.</summary>
public static class SessionGrainKind
{
    public const string Name = "session";

    public static string InboxQueue(string clientId) => Queues.BrokerManagedQueues.SessionInboxPrefix + clientId;

    public static string SharedQueue(string group, string filter) => Queues.BrokerManagedQueues.SharedSubscriptionPrefix + $"{group}/{filter}";
}
