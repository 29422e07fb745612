namespace Runtime.Membership;

/// <summary>
/// The latest membership view known to this process (silo or client), with change notification. Views only move
/// forward: an older snapshot than the current one is ignored.
/// </summary>
public sealed class ClusterMembership
{
    private readonly Lock _lock = new();
    private MembershipView _current = MembershipView.Empty;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Action? _refreshRequested;

    public MembershipView Current => Volatile.Read(ref _current);

    /// <summary>Raised (outside any lock) after a newer view was published.</summary>
    public event Action<MembershipView>? ViewChanged;

    /// <summary>Publishes <paramref name="view"/> if it is newer than the current one.</summary>
    public bool Publish(MembershipView view)
    {
        TaskCompletionSource changed;
        lock (_lock)
        {
            if (view.Version <= _current.Version)
            {
                return false;
            }
            _current = view;
            changed = _changed;
            _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        changed.TrySetResult();
        ViewChanged?.Invoke(view);
        return true;
    }

    /// <summary>Waits until a view newer than <paramref name="version"/> is published, or the timeout passes.
    /// Returns the current view either way.</summary>
    public async Task<MembershipView> WaitForNewerAsync(long version, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        Task wait;
        lock (_lock)
        {
            if (_current.Version > version)
            {
                return _current;
            }
            wait = _changed.Task;
        }
        RequestRefresh();
        try
        {
            await wait.WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
        }
        return Current;
    }

    /// <summary>Asks the owner of the table reader to read it now (e.g. after a call found a silo gone).</summary>
    public void RequestRefresh() => Volatile.Read(ref _refreshRequested)?.Invoke();

    internal void SetRefreshHandler(Action handler) => Volatile.Write(ref _refreshRequested, handler);
}
