using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// A request to a grain that is answered with a <typeparamref name="TResponse"/>. Grain calls are explicit message
/// records (docs/architecture.md explains why): the request type is the method, its fields are the arguments.
/// </summary>
public interface IGrainRequest<TResponse> : IWireMessage
    where TResponse : IWireMessage
{
}
