using Runtime.Identity;
using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// A handle on a grain: calls go through it without the caller knowing where (or whether) the grain is activated.
/// Cheap to create; obtain one from <see cref="IGrainFactory"/>.
/// </summary>
public readonly struct GrainReference
{
    private readonly IGrainCallInvoker _invoker;

    public GrainReference(GrainId grainId, IGrainCallInvoker invoker)
    {
        GrainId = grainId;
        _invoker = invoker;
    }

    public GrainId GrainId { get; }

    /// <summary>Calls the grain with <paramref name="request"/> and returns its typed reply.</summary>
    public async ValueTask<TResponse> CallAsync<TResponse>(IGrainRequest<TResponse> request, CancellationToken cancellationToken = default)
        where TResponse : IWireMessage
    {
        var reply = await _invoker.InvokeAsync(GrainId, request, cancellationToken).ConfigureAwait(false);
        return reply is TResponse typed
            ? typed
            : throw new GrainCallException(nameof(InvalidCastException),
                $"Grain {GrainId} answered {request.GetType().Name} with {reply.GetType().Name}, expected {typeof(TResponse).Name}.");
    }

    /// <summary>Sends a one-way message (no reply, best effort).</summary>
    public void Send(IWireMessage message) => _invoker.SendOneWay(GrainId, message);

    public override string ToString() => GrainId.ToString();
}
