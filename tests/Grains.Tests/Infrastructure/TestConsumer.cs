using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Hosting;
using Runtime.Identity;
using Runtime.Serialization;
using TestCluster;

namespace Grains.Tests.Infrastructure;

/// <summary>
/// A queue consumer as a gateway holds one: an observer registered with the cluster client that collects the queue's
/// <see cref="QueueDelivery"/> and <see cref="ConsumerDrained"/> pushes, plus the attach / credit / settle calls.
/// </summary>
internal sealed class TestConsumer : IGrainObserver
{
    private readonly ClusterClient _client;
    private readonly Lock _lock = new();
    private readonly List<QueueDelivery> _received = [];
    private readonly List<ConsumerDrained> _drained = [];
    private int _cursor;

    public TestConsumer(ClusterClient client, string queue, string? consumerId = null)
    {
        _client = client;
        Queue = queue;
        Id = consumerId ?? "consumer-" + Guid.NewGuid().ToString("N")[..8];
        Observer = client.CreateObserver(this);
    }

    public string Queue { get; }

    public string Id { get; }

    public ObserverId Observer { get; }

    private GrainReference Grain => _client.GetGrain(QueueGrainKind.Name, Queue);

    /// <summary>Every delivery pushed so far, in arrival order.</summary>
    public IReadOnlyList<QueueDelivery> Received
    {
        get
        {
            lock (_lock)
            {
                return [.. _received];
            }
        }
    }

    public int ReceivedCount
    {
        get
        {
            lock (_lock)
            {
                return _received.Count;
            }
        }
    }

    public int DrainedCount
    {
        get
        {
            lock (_lock)
            {
                return _drained.Count;
            }
        }
    }

    public void OnNotify(IWireMessage message)
    {
        lock (_lock)
        {
            switch (message)
            {
                case QueueDelivery delivery:
                    _received.Add(delivery);
                    break;
                case ConsumerDrained drained:
                    _drained.Add(drained);
                    break;
                default:
                    throw new InvalidOperationException($"Unexpected push {message.GetType().Name}.");
            }
        }
    }

    public async Task<ConsumerAttached> AttachAsync(int credit, string? selector = null) =>
        await Grain.CallAsync(new AttachConsumer(Id, Observer, credit, selector));

    public async Task<bool> AddCreditAsync(int credit, bool drain = false) => (await Grain.CallAsync(new AddCredit(Id, credit, drain))).Value;

    public async Task DetachAsync() => await Grain.CallAsync(new DetachConsumer(Id));

    public async Task<IReadOnlyList<string>> RenewAsync(params string[] consumerIds) =>
        (await Grain.CallAsync(new RenewConsumers(consumerIds.Length == 0 ? [Id] : consumerIds))).Items;

    public Task AcceptAsync(params QueueDelivery[] deliveries) => SettleAsync(SettleOutcome.Accept, deliveries);

    public Task AcceptAsync(IEnumerable<QueueDelivery> deliveries) => SettleAsync(SettleOutcome.Accept, [.. deliveries]);

    public Task ReleaseAsync(params QueueDelivery[] deliveries) => SettleAsync(SettleOutcome.Release, deliveries);

    public Task RejectAsync(string? reason, params QueueDelivery[] deliveries) => SettleAsync(SettleOutcome.Reject, deliveries, reason: reason);

    public Task ModifyAsync(bool deliveryFailed, bool undeliverableHere, params QueueDelivery[] deliveries) =>
        SettleAsync(SettleOutcome.Modify, deliveries, deliveryFailed, undeliverableHere);

    public async Task SettleAsync(SettleOutcome outcome, IReadOnlyList<QueueDelivery> deliveries, bool deliveryFailed = false,
        bool undeliverableHere = false, string? reason = null) =>
        await Grain.CallAsync(new SettleDeliveries(Id, [.. deliveries.Select(d => d.Tag)], outcome, deliveryFailed, undeliverableHere, reason));

    /// <summary>Waits until <paramref name="total"/> deliveries arrived in all; returns every delivery.</summary>
    public async Task<IReadOnlyList<QueueDelivery>> WaitForTotalAsync(int total, TimeSpan? timeout = null)
    {
        await Wait.UntilAsync(() => ReceivedCount >= total, timeout ?? QueueCluster.Timeout,
            $"consumer {Id} to receive {total} deliveries (has {ReceivedCount})");
        return Received;
    }

    /// <summary>Waits for the next <paramref name="count"/> deliveries after those already taken by this method.</summary>
    public async Task<IReadOnlyList<QueueDelivery>> NextAsync(int count, TimeSpan? timeout = null)
    {
        var all = await WaitForTotalAsync(_cursor + count, timeout);
        var next = all.Skip(_cursor).Take(count).ToList();
        _cursor += count;
        return next;
    }

    /// <summary>The one delivery that comes next.</summary>
    public async Task<QueueDelivery> NextAsync() => (await NextAsync(1))[0];

    /// <summary>Watches for <see cref="QueueCluster.Quiet"/> and fails when a delivery beyond those already taken by
    /// <see cref="NextAsync(int, TimeSpan?)"/> arrived.</summary>
    public async Task ShouldReceiveNothingMoreAsync(string because)
    {
        await Task.Delay(QueueCluster.Quiet);
        Received.Skip(_cursor).Select(d => d.Message.Body()).Should().BeEmpty(because);
    }
}
