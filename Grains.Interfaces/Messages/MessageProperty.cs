namespace Grains.Interfaces.Messages;

/// <summary>An application property (MQTT user property, AMQP application property): name and value, order kept,
/// duplicates allowed (MQTT 5 allows the same name twice).</summary>
public readonly record struct MessageProperty(string Name, string Value);
