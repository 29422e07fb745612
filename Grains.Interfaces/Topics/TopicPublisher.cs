using Grains.Interfaces.Messages;
using Grains.Interfaces.Retained;
using Runtime.Core;

namespace Grains.Interfaces.Topics;

/// <summary>
/// Publishes a message on a topic: to every matching filter's topic grain (the caller found the filters, e.g. in its
/// route-table trie) and, when retained, to the retained-message partition of its first level. Used by gateways and by
/// grains that publish (a session's will). Completes when every durable queue reached has committed the message.
/// </summary>
public static class TopicPublisher
{
    public static async Task<PublishResult> PublishAsync(IGrainFactory grains, IReadOnlyList<string> filters, BrokerMessage message,
        CancellationToken cancellationToken = default)
    {
        var request = new PublishToTopic([message]);
        var publishes = new Task<PublishResult>[filters.Count];
        for (var i = 0; i < filters.Count; i++)
        {
            publishes[i] = grains.GetGrain(TopicGrainKind.Topic, filters[i]).CallAsync(request, cancellationToken).AsTask();
        }
        Task? retain = null;
        if (message.Retain)
        {
            retain = grains.GetGrain(RetainedGrainKind.Partition, RetainedGrainKind.PartitionOf(message.Address))
                .CallAsync(new SetRetained(message), cancellationToken).AsTask();
        }
        var queues = 0;
        var subscribers = 0;
        List<string>? refused = null;
        foreach (var publish in publishes)
        {
            var result = await publish.ConfigureAwait(false);
            queues += result.Queues;
            subscribers += result.Subscribers;
            if (result.Refused.Count > 0)
            {
                (refused ??= []).AddRange(result.Refused);
            }
        }
        if (retain is not null)
        {
            await retain.ConfigureAwait(false);
        }
        return new PublishResult(queues, subscribers, refused ?? []);
    }

    /// <summary>Publishes using the route table read now (for grains, which keep no route cache).</summary>
    public static async Task<PublishResult> PublishReadingRoutesAsync(IGrainFactory grains, BrokerMessage message, CancellationToken cancellationToken = default)
    {
        var snapshot = await grains.GetGrain(TopicGrainKind.RouteTable, TopicGrainKind.RouteTableKey)
            .CallAsync(new GetRoutes(-1, null), cancellationToken).ConfigureAwait(false);
        var trie = new TopicTrie();
        foreach (var filter in snapshot.Filters ?? [])
        {
            trie.Add(filter);
        }
        return await PublishAsync(grains, trie.Match(message.Address), message, cancellationToken).ConfigureAwait(false);
    }
}
