using System.Diagnostics.CodeAnalysis;

namespace Gateway.Mqtt.Codec;

/// <summary>Throw helpers kept out of line so the decoding paths stay small and inlineable.</summary>
internal static class MqttThrow
{
    /// <summary>"A control packet that cannot be parsed according to this specification" (MQTT 5.0 §1.2).</summary>
    [DoesNotReturn]
    public static void Malformed(string message) =>
        throw new MqttProtocolException(MqttReasonCode.MalformedPacket, message);

    /// <summary>"Detected after the packet has been parsed and found to contain data that is not allowed" (§1.2).</summary>
    [DoesNotReturn]
    public static void ProtocolError(string message) =>
        throw new MqttProtocolException(MqttReasonCode.ProtocolError, message);

    [DoesNotReturn]
    public static void Error(MqttReasonCode reasonCode, string message) =>
        throw new MqttProtocolException(reasonCode, message);
}
