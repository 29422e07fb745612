using TestCluster.Databases;
using Runtime.Membership;
using Runtime.Storage.AdoNet;

namespace Runtime.Tests.Membership;

/// <summary>Needs <c>BROKER_TEST_POSTGRES</c> (./test.sh sets it); fails, never skips, without it.</summary>
public sealed class MembershipTablePostgreSqlTests : MembershipTableContractTests
{
    private readonly PostgresTestStore _store = new();

    /// <summary>Database time; the test server runs on this machine.</summary>
    protected override DateTimeOffset ExpectedNow => DateTimeOffset.UtcNow;

    protected override TimeSpan ClockTolerance => TimeSpan.FromSeconds(5);

    protected override IMembershipTable CreateTable(string clusterId) => new AdoNetMembershipTable(_store.NewDialect(), clusterId);

    protected override Task UseEmptyStoreAsync() => _store.UseEmptyDatabaseAsync();

    /// <summary>The database's clock cannot be moved: wait for it.</summary>
    protected override Task AdvanceClockAsync(TimeSpan by) => Task.Delay(by + TimeSpan.FromMilliseconds(5));

    public override async Task DisposeAsync() => await _store.DisposeAsync();
}
