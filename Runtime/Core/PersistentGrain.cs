using System.Buffers;
using Runtime.Serialization;

namespace Runtime.Core;

/// <summary>
/// A grain with durable state, fenced by epoch. Activation takes ownership of the grain in storage
/// (<c>epoch = epoch + 1</c>) and loads the committed state; every write presents the epoch. When a newer
/// activation has taken over, the write is rejected, this activation deactivates and the call fails with
/// <see cref="GrainFencedException"/>: a stale activation can never commit.
/// </summary>
public abstract class PersistentGrain<TState> : Grain
    where TState : class, IWireMessage<TState>
{
    private TState? _state;
    private bool _fenced;

    /// <summary>The state as this activation last loaded or set it (committed only by <see cref="WriteStateAsync"/>).</summary>
    protected TState State
    {
        get => _state ?? throw new InvalidOperationException("State is not loaded before activation.");
        set => _state = value;
    }

    /// <summary>This activation's fencing token.</summary>
    protected long Epoch { get; private set; }

    /// <summary>The state of a grain that has never written any.</summary>
    protected abstract TState CreateInitialState();

    public sealed override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        var ownership = await Context.Storage.TakeOwnershipAsync(GrainId, Context.Silo.ToString(), cancellationToken).ConfigureAwait(false);
        Epoch = ownership.Epoch;
        _state = ownership.State is null ? CreateInitialState() : Deserialize(ownership.State);
        await OnStateLoadedAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Runs after the state is loaded, as part of activation.</summary>
    protected virtual Task OnStateLoadedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Commits <see cref="State"/>. Throws <see cref="GrainFencedException"/> when a newer activation owns the grain.</summary>
    protected async Task WriteStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFenced();
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new WireWriter(buffer);
        State.Write(ref writer);
        if (!await Context.Storage.WriteStateAsync(GrainId, Epoch, buffer.WrittenMemory, cancellationToken).ConfigureAwait(false))
        {
            OnFenced();
        }
    }

    /// <summary>Deletes the committed state; the grain starts from <see cref="CreateInitialState"/> next time.</summary>
    protected async Task ClearStateAsync(CancellationToken cancellationToken = default)
    {
        ThrowIfFenced();
        if (!await Context.Storage.ClearStateAsync(GrainId, Epoch, cancellationToken).ConfigureAwait(false))
        {
            OnFenced();
        }
        _state = CreateInitialState();
    }

    /// <summary>True once a write was rejected: do not try to flush in <see cref="Grain.OnDeactivateAsync"/>.</summary>
    protected bool IsFenced => _fenced;

    private void ThrowIfFenced()
    {
        if (_fenced)
        {
            throw new GrainFencedException(GrainId, Epoch);
        }
    }

    private void OnFenced()
    {
        _fenced = true;
        Context.Deactivate(DeactivationReason.Fenced);
        throw new GrainFencedException(GrainId, Epoch);
    }

    private static TState Deserialize(byte[] bytes)
    {
        var reader = new WireReader(new ReadOnlySequence<byte>(bytes));
        return TState.Read(ref reader);
    }
}
