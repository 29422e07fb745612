namespace Runtime.Messaging;

/// <summary>What a runtime frame carries.</summary>
public enum FrameKind : byte
{
    Request = 1,
    Response = 2,
    OneWay = 3,
    ObserverNotify = 4,
    Ping = 5,
    Pong = 6,
}
