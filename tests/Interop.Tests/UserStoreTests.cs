using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Users set through the admin API (salted hashes in the user store) can connect; wrong passwords cannot.</summary>
[Trait("Category", "Interop")]
public sealed class UserStoreTests(NoAnonymousBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<NoAnonymousBrokerFixture>(broker, output), IClassFixture<NoAnonymousBrokerFixture>
{

    [Theory]
    [InlineData("mqttv311")]
    [InlineData("mqttv5")]
    public async Task Connect_KnownUserRightPassword_Accepted_WrongPassword_Refused(string version)
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "correct horse");

        var good = Mosquitto("mosquitto_pub", "-V", version, "-u", user, "-P", "correct horse", "-q", "1", "-t", $"{Prefix}/t", "-m", "x");
        var bad = Mosquitto("mosquitto_pub", "-V", version, "-u", user, "-P", "battery staple", "-q", "1", "-t", $"{Prefix}/t", "-m", "x");

        (await good.WaitForExitAsync(ClientTimeout)).Should().Be(0, good.Describe());
        (await bad.WaitForExitAsync(ClientTimeout)).Should().NotBe(0, bad.Describe());
        bad.Stderr.Should().ContainEquivalentOf("bad user name or password");
    }
}
