using Runtime.Identity;

namespace Runtime.Storage;

/// <summary>
/// <see cref="IGrainStorage"/> in memory, for one process (shared by all silos of an in-process test cluster). Same
/// fencing semantics as the SQL storage; state bytes are copied in and out so no caller can change what is "stored".
/// </summary>
public sealed class InMemoryGrainStorage : IGrainStorage
{
    private readonly Lock _lock = new();
    private readonly Dictionary<GrainId, (long Epoch, string Owner, long Version, byte[]? State)> _grains = [];

    public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

    /// <summary>The grain's current epoch, or null when it was never owned (the fence of the in-memory journal).</summary>
    internal long? CurrentEpoch(GrainId grainId)
    {
        lock (_lock)
        {
            return _grains.TryGetValue(grainId, out var grain) ? grain.Epoch : null;
        }
    }

    public Task<GrainOwnership> TakeOwnershipAsync(GrainId grainId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        lock (_lock)
        {
            var row = _grains.TryGetValue(grainId, out var existing)
                ? existing with { Epoch = existing.Epoch + 1, Owner = owner }
                : (Epoch: 1L, Owner: owner, Version: 0L, State: (byte[]?)null);
            _grains[grainId] = row;
            return Task.FromResult(new GrainOwnership(row.Epoch, row.Version, row.State?.ToArray()));
        }
    }

    public Task<bool> WriteStateAsync(GrainId grainId, long epoch, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryWrite(grainId, epoch, state.ToArray()));

    public Task<bool> ClearStateAsync(GrainId grainId, long epoch, CancellationToken cancellationToken = default) =>
        Task.FromResult(TryWrite(grainId, epoch, null));

    private bool TryWrite(GrainId grainId, long epoch, byte[]? state)
    {
        lock (_lock)
        {
            if (!_grains.TryGetValue(grainId, out var row) || row.Epoch != epoch)
            {
                return false; // a newer activation took ownership (or none ever did): the caller is stale
            }
            _grains[grainId] = row with { Version = row.Version + 1, State = state };
            return true;
        }
    }
}
