using System.Threading.Channels;
using Grains.Interfaces.Queues;
using Runtime.Core;
using Runtime.Hosting;
using Runtime.Identity;
using Runtime.Serialization;

namespace Benchmarks.Queues;

/// <summary>
/// A consumer as a gateway holds one for a receiver link or an MQTT subscription: an observer registered with the
/// cluster client, attached to one queue with credit. Deliveries are pushed to <see cref="OnNotify"/> (on the
/// connection's reader, so it only records them); a settle loop accepts everything received so far in one
/// <see cref="SettleDeliveries"/> call that also gives the same amount of credit back (settle with credit, as the MQTT
/// gateway sends a PUBACK), so at most <c>credit</c> deliveries are ever unsettled (MQTT receive maximum, AMQP link
/// credit replenished on settlement).
/// </summary>
public sealed class BenchmarkConsumer : IGrainObserver
{
    private readonly ClusterClient _client;
    private readonly DeliveryLedger _ledger;
    private readonly LoadCounters _counters;
    private readonly int _credit;
    private readonly Channel<long> _tags = Channel.CreateUnbounded<long>(new UnboundedChannelOptions { SingleReader = true });
    private long _lastRenew = Environment.TickCount64;

    public BenchmarkConsumer(ClusterClient client, string queue, string consumerId, DeliveryLedger ledger, LoadCounters counters, int credit)
    {
        _client = client;
        Queue = queue;
        Id = consumerId;
        _ledger = ledger;
        _counters = counters;
        _credit = credit;
        Observer = client.CreateObserver(this);
    }

    public string Queue { get; }

    public string Id { get; }

    public ObserverId Observer { get; }

    private GrainReference Grain => _client.GetGrain(QueueGrainKind.Name, Queue);

    public async Task AttachAsync()
    {
        var attached = await Grain.CallAsync(new AttachConsumer(Id, Observer, _credit)).ConfigureAwait(false);
        if (!attached.Attached)
        {
            throw new InvalidOperationException($"Queue {Queue} refused consumer {Id}: {attached.Reason}");
        }
    }

    public void OnNotify(IWireMessage message)
    {
        if (message is QueueDelivery delivery)
        {
            _ledger.RecordDelivery(delivery.Message.MessageId);
            _counters.Delivery(delivery.DeliveryCount > 0);
            _tags.Writer.TryWrite(delivery.Tag);
        }
    }

    /// <summary>Accepts deliveries and replenishes credit until <paramref name="stop"/> is cancelled.</summary>
    public async Task RunAsync(CancellationToken stop)
    {
        var reader = _tags.Reader;
        var tags = new List<long>(_credit);
        try
        {
            while (await reader.WaitToReadAsync(stop).ConfigureAwait(false))
            {
                tags.Clear();
                while (tags.Count < _credit && reader.TryRead(out var tag))
                {
                    tags.Add(tag);
                }
                try
                {
                    await Grain.CallAsync(new SettleDeliveries(Id, [.. tags], SettleOutcome.Accept, Credit: tags.Count)).ConfigureAwait(false);
                    _counters.Settled(tags.Count);
                    await RenewIfDueAsync().ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _counters.ConsumerFailed($"{ex.GetType().Name}: {ex.Message}");
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Stopped.
        }
    }

    public async Task DetachAsync()
    {
        await Grain.CallAsync(new DetachConsumer(Id)).ConfigureAwait(false);
        _client.DeleteObserver(Observer);
    }

    /// <summary>Settles do not renew the consumer's lease (credit calls and renewals do): renew every 10 s, well within
    /// the 30 s lease, or a drain longer than the lease would lose the consumer.</summary>
    private async Task RenewIfDueAsync()
    {
        if (Environment.TickCount64 - _lastRenew < 10_000)
        {
            return;
        }
        _lastRenew = Environment.TickCount64;
        var unknown = (await Grain.CallAsync(new RenewConsumers([Id])).ConfigureAwait(false)).Items;
        if (unknown.Count > 0)
        {
            _counters.ConsumerFailed($"queue {Queue} no longer knows consumer {Id}");
            await AttachAsync().ConfigureAwait(false);
        }
    }
}
