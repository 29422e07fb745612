using Runtime.Messaging;
using Runtime.Serialization;

namespace Runtime.Activation;

/// <summary>Where the reply of a request goes: a local caller's task or a connection back to a remote caller.</summary>
internal interface IResponseSink
{
    void Complete(ulong correlationId, IWireMessage reply);

    void Fail(ulong correlationId, Exception exception);

    /// <summary>The runtime refused the request without running it (not owner, overloaded, unknown kind...).</summary>
    void Reject(ulong correlationId, CallStatus status, string message);
}
