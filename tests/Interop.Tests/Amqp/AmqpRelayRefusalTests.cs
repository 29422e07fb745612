using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>The anonymous relay refuses one message at a time: no <c>to</c>, an undeclared queue (auto-create off) or
/// an address outside the user's permissions gets that delivery <c>rejected</c>; the link stays and the next message
/// goes through.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpRelayRefusalTests(LockedDownAmqpBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<LockedDownAmqpBrokerFixture>(broker, output), IClassFixture<LockedDownAmqpBrokerFixture>
{
    [Fact]
    public async Task AnonymousRelay_UnknownQueueOrNoTo_Rejected_NextMessageDelivered()
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");
        var topic = $"{Prefix}/after";
        var receiver = Amqp("receive", "--address", "/topics/" + topic, "--count", 1, "--receive-timeout", 20, "--user", user, "--password", "pw");
        await receiver.WaitForEventAsync("attached", ClientTimeout);

        var relay = Amqp("relay", "--to", $"/queues/{Prefix}-nowhere", "--to", "", "--to", $"{Prefix}-bare-nowhere", "--to", "/topics/" + topic,
            "--user", user, "--password", "pw");
        await Task.WhenAll(relay.SucceedAsync(ClientTimeout), receiver.SucceedAsync(ClientTimeout));

        var outcomes = relay.Events("outcome");
        outcomes.Select(e => e.GetProperty("state").GetString()).Should().Equal("rejected", "rejected", "rejected", "accepted");
        outcomes.Take(3).Select(e => e.GetProperty("condition").GetString()).Should().OnlyContain(c => c == "amqp:not-found");
        outcomes[0].GetProperty("description").GetString().Should().Contain($"{Prefix}-nowhere");
        outcomes[1].GetProperty("description").GetString().Should().Contain("'to'");
        receiver.Events("message").Select(AmqpNodeTests.BodyText).Should().Equal("message 3");
    }

    [Fact]
    public async Task AnonymousRelay_ToOutsideThePermissions_RejectedWithUnauthorizedAccess_InsideAccepted()
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");
        using (var content = new StringContent($"publish {Prefix}/in/#\n"))
        using (var response = await AdminHttp.PutAsync(new Uri($"{Admin}/users/{user}/permissions"), content))
        {
            response.IsSuccessStatusCode.Should().BeTrue();
        }

        var relay = Amqp("relay", "--to", $"/topics/{Prefix}/out/x", "--to", $"/topics/{Prefix}/in/x", "--user", user, "--password", "pw");
        await relay.SucceedAsync(ClientTimeout);

        var outcomes = relay.Events("outcome");
        outcomes.Select(e => e.GetProperty("state").GetString()).Should().Equal("rejected", "accepted");
        outcomes[0].GetProperty("condition").GetString().Should().Be("amqp:unauthorized-access");
        outcomes[0].GetProperty("description").GetString().Should().Contain(user);
    }
}
