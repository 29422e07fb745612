using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>A broker started with <c>Mqtt:AllowAnonymous=false</c> and no user store refuses every client: wrong
/// credentials get CONNACK 0x86 Bad User Name or Password (v5) / 0x04 (v3.1.1), and so does a client without any.</summary>
[Trait("Category", "Interop")]
public sealed class AuthenticationTests(NoAnonymousBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<NoAnonymousBrokerFixture>(broker, output), IClassFixture<NoAnonymousBrokerFixture>
{
    [Theory]
    [InlineData("5", 0x86)]
    [InlineData("311", 0x04)]
    public async Task Connect_WrongPassword_RefusedWithBadCredentials(string version, int expected)
    {
        var client = Paho("sub.py", "--version", version, "--username", "alice", "--password", "wrong", "--topic", $"{Prefix}/t", "--timeout", 20);
        await client.SucceedAsync(ClientTimeout);

        client.Events("connack").Should().ContainSingle().Which.GetProperty("rc").GetInt32().Should().Be(expected);
        client.Events("ready").Should().BeEmpty();
    }

    [Theory]
    [InlineData("5", 0x86)]
    [InlineData("311", 0x04)]
    public async Task Connect_Anonymous_Refused(string version, int expected)
    {
        var client = Paho("sub.py", "--version", version, "--topic", $"{Prefix}/t", "--timeout", 20);
        await client.SucceedAsync(ClientTimeout);

        client.Events("connack").Should().ContainSingle().Which.GetProperty("rc").GetInt32().Should().Be(expected);
    }

    [Theory]
    [InlineData("mqttv311", "bad user name or password")]
    [InlineData("mqttv5", "Bad User Name or Password")]
    public async Task Connect_MosquittoPubWithWrongPassword_FailsWithRefusal(string version, string message)
    {
        var pub = Mosquitto("mosquitto_pub", "-V", version, "-u", "alice", "-P", "wrong", "-t", $"{Prefix}/t", "-m", "x");

        var exit = await pub.WaitForExitAsync(ClientTimeout);

        exit.Should().NotBe(0);
        pub.Stderr.Should().ContainEquivalentOf(message);
    }
}
