using Runtime.Membership;

namespace Runtime.Tests.Membership;

public sealed class MembershipTableInMemoryTests : MembershipTableContractTests
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2031, 5, 6, 7, 8, 9, 123, TimeSpan.Zero));
    private Dictionary<string, InMemoryMembershipTable> _clusters = [];

    protected override DateTimeOffset ExpectedNow => _clock.GetUtcNow();

    protected override TimeSpan ClockTolerance => TimeSpan.Zero;

    /// <summary>One instance is one cluster: every "silo" of a cluster gets the same instance.</summary>
    protected override IMembershipTable CreateTable(string clusterId)
    {
        if (!_clusters.TryGetValue(clusterId, out var table))
        {
            _clusters[clusterId] = table = new InMemoryMembershipTable(_clock);
        }
        return table;
    }

    protected override Task UseEmptyStoreAsync()
    {
        _clusters = [];
        return Task.CompletedTask;
    }

    protected override Task AdvanceClockAsync(TimeSpan by)
    {
        _clock.Advance(by);
        return Task.CompletedTask;
    }
}
