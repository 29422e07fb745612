namespace Gateway.Mqtt;

/// <summary>Counters of one MQTT gateway, published under <c>$SYS/broker/...</c> (the figures mosquitto publishes).</summary>
public sealed class MqttStatistics
{
    private long _connected;
    private long _received;
    private long _sent;

    public long ConnectedClients => Interlocked.Read(ref _connected);

    /// <summary>PUBLISH packets received from clients.</summary>
    public long MessagesReceived => Interlocked.Read(ref _received);

    /// <summary>PUBLISH packets sent to clients.</summary>
    public long MessagesSent => Interlocked.Read(ref _sent);

    public void ClientConnected() => Interlocked.Increment(ref _connected);

    public void ClientDisconnected() => Interlocked.Decrement(ref _connected);

    public void Received() => Interlocked.Increment(ref _received);

    public void Sent() => Interlocked.Increment(ref _sent);
}
