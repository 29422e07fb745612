using Grains.Interfaces.Topics;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Serialization;

namespace Grains.Topics;

/// <summary>
/// The set of topic filters that have bindings, versioned (DESIGN.md "RouteTableGrain"). Gateways keep a local trie
/// of it: they read it with <see cref="GetRoutes"/>, and the table pushes <see cref="RoutesChanged"/> to watching
/// gateways on every change, so a publish finds its matching filters without asking any grain.
/// </summary>
public sealed class RouteTableGrain : PersistentGrain<RouteTableState>
{
    private readonly TopicGrainOptions _options;
    private readonly Dictionary<ObserverId, long> _watchers = [];

    public RouteTableGrain(TopicGrainOptions options) => _options = options;

    protected override RouteTableState CreateInitialState() => new();

    protected override async ValueTask<IWireMessage> HandleAsync(IWireMessage request)
    {
        switch (request)
        {
            case AddRoute add:
                if (State.Filters.Add(add.Filter))
                {
                    await ChangedAsync().ConfigureAwait(false);
                }
                return new Int64Value(State.Version);
            case RemoveRoute remove:
                if (State.Filters.Remove(remove.Filter))
                {
                    await ChangedAsync().ConfigureAwait(false);
                }
                return new Int64Value(State.Version);
            case GetRoutes get:
                if (get.Watcher is { } watcher)
                {
                    _watchers[watcher] = TimeProvider.GetTimestamp();
                }
                return new RouteSnapshot(State.Version, get.KnownVersion == State.Version ? null : [.. State.Filters]);
            default:
                throw Unknown(request);
        }
    }

    private async Task ChangedAsync()
    {
        State.Version++;
        await WriteStateAsync().ConfigureAwait(false);
        var changed = new RoutesChanged(State.Version);
        foreach (var (watcher, renewed) in _watchers.ToList())
        {
            if (TimeProvider.GetElapsedTime(renewed) > _options.SubscriberLease)
            {
                _watchers.Remove(watcher);
                continue;
            }
            Notify(watcher, changed);
        }
    }
}
