using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Messaging;

/// <summary>
/// One runtime message, decoded. Which fields are set depends on <see cref="Kind"/>:
/// requests and one-way messages have <see cref="Target"/> and <see cref="Body"/>; observer notifications have
/// <see cref="Observer"/> and <see cref="Body"/>; responses have <see cref="Body"/> (Ok) or an error.
/// </summary>
public sealed class Frame
{
    public FrameKind Kind { get; init; }

    public CallStatus Status { get; init; }

    public ushort Flags { get; init; }

    public ulong CorrelationId { get; init; }

    /// <summary>The sender's membership view version (lets a receiver with a newer view tell the sender it is stale).</summary>
    public long ViewVersion { get; init; }

    /// <summary>Time to live of a request in milliseconds (0 = none).</summary>
    public uint TtlMilliseconds { get; init; }

    public GrainId Target { get; init; }

    public ObserverId Observer { get; init; }

    public IWireMessage? Body { get; init; }

    public string? ErrorType { get; init; }

    public string? ErrorMessage { get; init; }

    public static Frame Response(ulong correlationId, IWireMessage body) =>
        new() { Kind = FrameKind.Response, Status = CallStatus.Ok, CorrelationId = correlationId, Body = body };

    public static Frame Error(ulong correlationId, CallStatus status, string errorType, string message, long viewVersion = 0) =>
        new() { Kind = FrameKind.Response, Status = status, CorrelationId = correlationId, ErrorType = errorType, ErrorMessage = message, ViewVersion = viewVersion };
}
