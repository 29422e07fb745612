using TestCluster.Databases;
using Runtime.Membership;
using Runtime.Storage.AdoNet;

namespace Runtime.Tests.Membership;

public sealed class MembershipTableSqliteTests : MembershipTableContractTests
{
    private readonly SqliteTestStore _store = new();

    /// <summary>Database time, read from the same machine's clock.</summary>
    protected override DateTimeOffset ExpectedNow => DateTimeOffset.UtcNow;

    protected override TimeSpan ClockTolerance => TimeSpan.FromSeconds(5);

    protected override IMembershipTable CreateTable(string clusterId) => new AdoNetMembershipTable(_store.NewDialect(), clusterId);

    protected override Task UseEmptyStoreAsync()
    {
        _store.UseEmptyDatabase();
        return Task.CompletedTask;
    }

    /// <summary>The database's clock cannot be moved: wait for it.</summary>
    protected override Task AdvanceClockAsync(TimeSpan by) => Task.Delay(by + TimeSpan.FromMilliseconds(5));

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
