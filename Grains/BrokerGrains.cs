using Runtime.Activation;

namespace Grains;

/// <summary>
/// Registers the broker's grain classes with a silo. The queue, topic, route-table, session and retained-message grains
/// (issues "Durable queues and topics" and "MQTT gateway") add themselves here.
/// </summary>
public static class BrokerGrains
{
    public static void Register(GrainTypeRegistry registry) => ArgumentNullException.ThrowIfNull(registry);
}
