using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Messaging;
using Runtime.Serialization;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Runtime.Activation;

/// <summary>
/// The activations of one silo (Orleans' Catalog): finds or creates the activation of a grain and hands it work.
/// At most one activation per grain id lives in a catalog; across silos, single activation is enforced by placement
/// and, for state, by storage fencing.
/// </summary>
internal sealed partial class Catalog
{
    private readonly ConcurrentDictionary<GrainId, ActivationData> _activations = new();
    private readonly GrainTypeRegistry _types;
    private readonly int _mailboxCapacity;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Messaging.IObserverNotifier _observers;

    public Catalog(
        SiloAddress silo,
        GrainTypeRegistry types,
        IGrainFactory grainFactory,
        IGrainStorage storage,
        IJournal journal,
        TimeProvider timeProvider,
        int mailboxCapacity,
        Messaging.IObserverNotifier observers,
        ILoggerFactory loggerFactory)
    {
        Silo = silo;
        _types = types;
        GrainFactory = grainFactory;
        Storage = storage;
        Journal = journal;
        TimeProvider = timeProvider;
        _mailboxCapacity = mailboxCapacity;
        _observers = observers;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Catalog>();
    }

    public SiloAddress Silo { get; }

    public IGrainFactory GrainFactory { get; }

    public IGrainStorage Storage { get; }

    public IJournal Journal { get; }

    public TimeProvider TimeProvider { get; }

    public int Count => _activations.Count;

    /// <summary>Set when the silo stops: new work is refused instead of activating grains.</summary>
    public bool IsStopping { get; set; }

    public bool IsKnownKind(string kind) => _types.Contains(kind);

    public bool IsActive(GrainId grainId) => _activations.ContainsKey(grainId);

    public IReadOnlyCollection<GrainId> ActiveGrainIds => (IReadOnlyCollection<GrainId>)_activations.Keys;

    /// <summary>Hands <paramref name="item"/> to the grain's activation, creating it if needed.</summary>
    public void Dispatch(GrainId grainId, in MailboxItem item)
    {
        if (!TryDispatch(grainId, item))
        {
            item.Sink?.Reject(item.CorrelationId, CallStatus.Overloaded,
                $"The mailbox of {grainId} is full ({_mailboxCapacity} requests); retry later.");
        }
    }

    /// <summary>As <see cref="Dispatch"/>, but a full mailbox is not an answer: false, and the item is the caller's to
    /// hand in again (local callers keep their calls in order that way, see Messaging.LocalDispatchOrder).</summary>
    public bool TryDispatch(GrainId grainId, in MailboxItem item)
    {
        if (!_types.Contains(grainId.Kind))
        {
            item.Sink?.Reject(item.CorrelationId, CallStatus.UnknownGrainKind,
                $"No grain class is registered for kind '{grainId.Kind}' (grain {grainId}).");
            return true;
        }
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (IsStopping && !_activations.ContainsKey(grainId))
            {
                item.Sink?.Reject(item.CorrelationId, CallStatus.ShuttingDown, $"Silo {Silo} is shutting down.");
                return true;
            }
            var created = false;
            if (!_activations.TryGetValue(grainId, out var activation))
            {
                var candidate = new ActivationData(this, grainId, _types.Create(grainId.Kind), _mailboxCapacity,
                    _loggerFactory.CreateLogger("Runtime.Activation." + grainId.Kind));
                if (!_activations.TryAdd(grainId, candidate))
                {
                    continue; // another caller created it first
                }
                activation = candidate;
                created = true;
            }
            switch (activation.TryEnqueue(item))
            {
                case EnqueueResult.Accepted:
                    if (created)
                    {
                        activation.Start();
                    }
                    return true;
                case EnqueueResult.Full:
                    if (created)
                    {
                        activation.Start();
                    }
                    return false;
                case EnqueueResult.Invalid:
                    // Deactivating: it removes itself; wait for that and create the next activation.
                    _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(grainId, activation));
                    continue;
            }
        }
        item.Sink?.Reject(item.CorrelationId, CallStatus.Overloaded, $"Could not activate {grainId}; retry later.");
        return true;
    }

    public void Remove(ActivationData activation) =>
        _activations.TryRemove(new KeyValuePair<GrainId, ActivationData>(activation.GrainId, activation));

    public void Notify(ObserverId observer, IWireMessage message) => _observers.Notify(observer, message);

    public bool IsReachable(ObserverId observer) => _observers.IsReachable(observer);

    /// <summary>Deactivates every activation idle for longer than <paramref name="age"/>.</summary>
    public int CollectIdle(TimeSpan age)
    {
        var collected = 0;
        foreach (var activation in _activations.Values)
        {
            if (activation.State == ActivationState.Valid && !activation.IsBusy && activation.IdleTime >= age)
            {
                activation.Deactivate(DeactivationReason.Idle);
                collected++;
            }
        }
        if (collected > 0)
        {
            LogCollected(_logger, collected);
        }
        return collected;
    }

    /// <summary>Deactivates the given activations (or all), running their deactivation hooks, and waits for them.</summary>
    public async Task DeactivateAsync(Func<GrainId, bool> predicate, DeactivationReason reason)
    {
        var tasks = new List<Task>();
        foreach (var activation in _activations.Values)
        {
            if (predicate(activation.GrainId))
            {
                tasks.Add(activation.DeactivateAsync(reason));
            }
        }
        await Task.WhenAll(tasks).ConfigureAwait(false);
    }

    /// <summary>Drops every activation without hooks (the silo was killed).</summary>
    public void AbortAll()
    {
        foreach (var activation in _activations.Values)
        {
            activation.Abort();
        }
        _activations.Clear();
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Collecting {Count} idle activations")]
    private static partial void LogCollected(ILogger logger, int count);
}
