using Grains.Interfaces.Retained;
using Grains.Tests.Infrastructure;

namespace Grains.Tests.Topics;

[Trait("Category", "Cluster")]
public sealed class RetainedMessagesTests : IAsyncLifetime
{
    private QueueCluster _queues = null!;

    public async Task InitializeAsync() => _queues = await QueueCluster.StartAsync(silos: 2);

    public async Task DisposeAsync() => await _queues.DisposeAsync();

    private Task SetAsync(string topic, string body) =>
        _queues.Client.GetGrain(RetainedGrainKind.Partition, RetainedGrainKind.PartitionOf(topic))
            .CallAsync(new SetRetained(Publish.Message(topic, body))).AsTask();

    private async Task<IReadOnlyList<string>> GetAsync(string filter)
    {
        var levels = RetainedGrainKind.PartitionOf(filter) is "+" or "#"
            ? (await _queues.Client.GetGrain(RetainedGrainKind.Index, RetainedGrainKind.IndexKey).CallAsync(new GetRetainedLevels())).Items
            : [RetainedGrainKind.PartitionOf(filter)];
        var found = new List<string>();
        foreach (var level in levels)
        {
            var messages = await _queues.Client.GetGrain(RetainedGrainKind.Partition, level).CallAsync(new GetRetained(filter));
            found.AddRange(messages.Messages.Select(m => $"{m.Address}={m.Body()}"));
        }
        return found;
    }

    [Fact]
    public async Task Retained_SetReplaceClear_FoundByWildcard()
    {
        var root = $"home{Guid.NewGuid():N}";
        await SetAsync($"{root}/kitchen/temp", "20");
        await SetAsync($"{root}/hall/temp", "18");
        await SetAsync($"{root}/kitchen/temp", "21");

        (await GetAsync($"{root}/+/temp")).Should().BeEquivalentTo($"{root}/kitchen/temp=21", $"{root}/hall/temp=18");
        (await GetAsync("#")).Should().Contain($"{root}/hall/temp=18");

        await SetAsync($"{root}/hall/temp", "");
        (await GetAsync($"{root}/#")).Should().BeEquivalentTo($"{root}/kitchen/temp=21");
    }
}
