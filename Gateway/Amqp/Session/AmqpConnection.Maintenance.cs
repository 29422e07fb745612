using Gateway.Amqp.Framing;

namespace Gateway.Amqp.Session;

internal sealed partial class AmqpConnection
{
    private static readonly TimeSpan RenewInterval = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Heartbeats at half the client's idle-time-out (Part 2 §2.4.5), the broker's own idle-time-out, and lease renewals
    /// of this connection's queue consumers and topic subscriptions.
    /// </summary>
    private async Task MaintenanceLoopAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(500), _time);
        var lastHeartbeat = _time.GetTimestamp();
        var lastRenewal = _time.GetTimestamp();
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                if (_peerIdleTimeout > TimeSpan.Zero && _time.GetElapsedTime(lastHeartbeat) >= _peerIdleTimeout / 2)
                {
                    Send(OutgoingFrame.Heartbeat);
                    lastHeartbeat = _time.GetTimestamp();
                }
                if (_options.IdleTimeout > TimeSpan.Zero && _time.GetElapsedTime(Volatile.Read(ref _lastReceived)) > _options.IdleTimeout)
                {
                    LogIdle(_logger, _remote, _containerId, _options.IdleTimeout);
                    CloseWith(AmqpErrorCondition.ResourceLimitExceeded,
                        $"Nothing received for {_options.IdleTimeout.TotalSeconds:0} s, the idle-time-out this broker announced in open (Part 2 §2.4.5).");
                    return;
                }
                if (_time.GetElapsedTime(lastRenewal) >= RenewInterval)
                {
                    lastRenewal = _time.GetTimestamp();
                    await RenewAsync(cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async Task RenewAsync(CancellationToken cancellationToken)
    {
        List<OutgoingLink> links;
        lock (_lock)
        {
            links = [.. _consumers.Values.Where(l => l.Attached && !l.Detached)];
        }
        foreach (var group in links.GroupBy(l => (l.Queue, l.Address.Name)))
        {
            var ids = group.Select(l => l.ConsumerId).ToList();
            IReadOnlyList<string> unknown;
            try
            {
                unknown = group.Key.Queue is { } queue
                    ? await _bridge.RenewConsumersAsync(queue, ids, cancellationToken).ConfigureAwait(false)
                    : await _bridge.RenewTopicSubscribersAsync(group.Key.Name, ids, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                continue; // the grain is moving; the next renewal (well within the lease) tries again
            }
            foreach (var link in group.Where(l => unknown.Contains(l.ConsumerId)))
            {
                Post(new ConsumerLost(link));
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP {Remote} ({ContainerId}): idle for more than {Timeout}; closing")]
    private static partial void LogIdle(ILogger logger, string remote, string containerId, TimeSpan timeout);
}
