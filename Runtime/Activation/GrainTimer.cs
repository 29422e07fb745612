namespace Runtime.Activation;

/// <summary>
/// A grain timer: each tick is queued to the activation's mailbox and runs as a turn, so timer code never overlaps a
/// request. A tick is skipped when the mailbox is full or the activation is leaving. Disposed with the activation.
/// </summary>
internal sealed class GrainTimer : IDisposable
{
    private readonly ActivationData _activation;
    private readonly Func<Task> _callback;
    private ITimer? _timer;

    public GrainTimer(ActivationData activation, Func<Task> callback)
    {
        _activation = activation;
        _callback = callback;
    }

    public void Start(TimeProvider time, TimeSpan dueTime, TimeSpan period) =>
        _timer = time.CreateTimer(static state =>
        {
            var self = (GrainTimer)state!;
            self._activation.EnqueueTimerTick(self, self._callback);
        }, this, dueTime, period);

    public void Dispose()
    {
        _timer?.Dispose();
        _activation.RemoveTimer(this);
    }
}
