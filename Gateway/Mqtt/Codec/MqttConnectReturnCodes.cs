namespace Gateway.Mqtt.Codec;

/// <summary>
/// Maps MQTT 3.1/3.1.1 CONNACK return codes (3.1.1 §3.2.2.3, Table 3.1) to and from <see cref="MqttReasonCode"/>.
/// </summary>
/// <remarks>
/// The six v3 codes have exact MQTT 5.0 counterparts. MQTT 5.0 has many more refusal reasons; when a v3 CONNACK is
/// written each is folded into the closest v3 code (credentials → 4, authorization → 5, anything else → 3 "Server
/// unavailable"), which is the MQTT 5.0 appendix's intent of the return codes.
/// </remarks>
public static class MqttConnectReturnCodes
{
    /// <summary>Decodes a v3 return code; false for the reserved values 6-255.</summary>
    public static bool TryToReasonCode(byte returnCode, out MqttReasonCode reasonCode)
    {
        reasonCode = returnCode switch
        {
            0 => MqttReasonCode.Success,
            1 => MqttReasonCode.UnsupportedProtocolVersion,
            2 => MqttReasonCode.ClientIdentifierNotValid,
            3 => MqttReasonCode.ServerUnavailable,
            4 => MqttReasonCode.BadUserNameOrPassword,
            5 => MqttReasonCode.NotAuthorized,
            _ => MqttReasonCode.UnspecifiedError,
        };
        return returnCode <= 5;
    }

    /// <summary>Encodes a reason code as the v3 return code a 3.1.1 client understands.</summary>
    public static byte FromReasonCode(MqttReasonCode reasonCode) => reasonCode switch
    {
        MqttReasonCode.Success => 0,
        MqttReasonCode.UnsupportedProtocolVersion => 1,
        MqttReasonCode.ClientIdentifierNotValid => 2,
        MqttReasonCode.BadUserNameOrPassword or MqttReasonCode.BadAuthenticationMethod => 4,
        MqttReasonCode.NotAuthorized or MqttReasonCode.Banned => 5,
        _ => 3,
    };
}
