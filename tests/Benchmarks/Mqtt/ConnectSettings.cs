using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>What a <see cref="LoadClient"/> puts in its CONNECT.</summary>
/// <param name="ClientId">The client identifier; the persistent-session workloads reuse one across connections.</param>
/// <param name="CleanSession">3.1.1 Clean Session / 5.0 Clean Start. With 5.0 a persistent session (false) also gets a
/// Session Expiry Interval of 0xFFFFFFFF, i.e. it behaves as a 3.1.1 persistent session.</param>
/// <param name="Version">3.1.1 (the default of mosquitto_pub and most device clients) or 5.0.</param>
/// <param name="KeepAliveSeconds">Keep alive; the load program sends no PINGREQ, so a run must stay well below 1.5x.</param>
/// <param name="ReceiveMaximum">5.0 only: the Receive Maximum announced to the broker (how many QoS 1/2 PUBLISHes it may
/// have in flight towards this client); null = the client's in-flight window. 3.1.1 has no such field: the broker
/// picks its own window.</param>
public sealed record ConnectSettings(string ClientId, bool CleanSession, MqttProtocolVersion Version, ushort KeepAliveSeconds = 300,
    ushort? ReceiveMaximum = null);
