namespace Gateway.Mqtt.Codec;

/// <summary>
/// A packet could not be accepted: it is malformed, breaks a protocol rule, or exceeds a limit. The
/// <see cref="ReasonCode"/> is the answer the specification prescribes (MQTT 5.0 §4.13): the connection handler sends it
/// in a CONNACK (during CONNECT) or DISCONNECT (MQTT 5.0 only) and then closes the network connection
/// [MQTT-4.13.1-1]. Under MQTT 3.1.1 the connection is simply closed.
/// </summary>
public sealed class MqttProtocolException : Exception
{
    public MqttProtocolException()
        : this(MqttReasonCode.ProtocolError, "MQTT protocol error.")
    {
    }

    public MqttProtocolException(string message)
        : this(MqttReasonCode.ProtocolError, message)
    {
    }

    public MqttProtocolException(string message, Exception innerException)
        : base(message, innerException)
    {
        ReasonCode = MqttReasonCode.ProtocolError;
    }

    public MqttProtocolException(MqttReasonCode reasonCode, string message)
        : base(message)
    {
        ReasonCode = reasonCode;
    }

    /// <summary>The MQTT 5.0 reason code to report, e.g. 0x81 Malformed Packet or 0x82 Protocol Error.</summary>
    public MqttReasonCode ReasonCode { get; }
}
