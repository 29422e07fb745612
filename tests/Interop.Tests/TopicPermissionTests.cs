using Interop.Tests.Infrastructure;

namespace Interop.Tests;

/// <summary>Per-topic authorization from the user store (<c>PUT /users/{name}/permissions</c>): a denied MQTT subscription
/// gets SUBACK 0x87, a denied AMQP attach <c>amqp:unauthorized-access</c>, and what is allowed works.</summary>
[Trait("Category", "Interop")]
public sealed class TopicPermissionTests(NoAnonymousBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<NoAnonymousBrokerFixture>(broker, output), IClassFixture<NoAnonymousBrokerFixture>
{
    [Fact]
    public async Task Mqtt_SubscribeOutsideThePermissions_Refused0x87_InsideAccepted()
    {
        var user = await CreateUserAsync($"subscribe {Prefix}/allowed/#\npublish {Prefix}/allowed/#\n");

        var denied = Mosquitto("mosquitto_sub", "-d", "-V", "mqttv5", "-u", user, "-P", "pw", "-t", $"{Prefix}/secret/#", "-C", 1, "-W", 3);
        await denied.WaitForExitAsync(ClientTimeout);
        var allowed = Mosquitto("mosquitto_sub", "-d", "-V", "mqttv5", "-u", user, "-P", "pw", "-t", $"{Prefix}/allowed/+", "-C", 1, "-W", 20);
        await allowed.WaitForLineAsync(l => l.Contains("received SUBACK", StringComparison.Ordinal), ClientTimeout, "SUBACK");
        await Mosquitto("mosquitto_pub", "-V", "mqttv5", "-u", user, "-P", "pw", "-q", 1, "-t", $"{Prefix}/allowed/x", "-m", "ok").SucceedAsync(ClientTimeout);
        await allowed.SucceedAsync(ClientTimeout);

        string.Join('\n', denied.Lines.Concat([denied.Stderr])).Should().Contain("135", "SUBACK reason 0x87 Not authorized");
        allowed.Lines.Should().Contain("ok");
        allowed.Lines.Should().NotContain(l => l.Contains("135", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Amqp_AttachOutsideThePermissions_UnauthorizedAccess_InsideAccepted()
    {
        var user = await CreateUserAsync($"publish {Prefix}/in/#\nsubscribe {Prefix}/out/#\n");

        var deniedSend = Amqp("send", "--address", $"/topics/{Prefix}/out/x", "--user", user, "--password", "pw");
        var deniedReceive = Amqp("receive", "--address", $"/topics/{Prefix}/in/#", "--user", user, "--password", "pw");
        var allowedSend = Amqp("send", "--address", $"/topics/{Prefix}/in/x", "--user", user, "--password", "pw");

        (await deniedSend.WaitForExitAsync(ClientTimeout)).Should().Be(4, deniedSend.Describe());
        (await deniedReceive.WaitForExitAsync(ClientTimeout)).Should().Be(4, deniedReceive.Describe());
        await allowedSend.SucceedAsync(ClientTimeout);
        foreach (var client in new[] { deniedSend, deniedReceive })
        {
            var error = client.Events("attach-error").Should().ContainSingle().Subject;
            error.GetProperty("condition").GetString().Should().Be("amqp:unauthorized-access");
            error.GetProperty("description").GetString().Should().Contain(user);
        }
    }

    [Fact]
    public async Task AdminApi_InvalidFilter_Refused_AndPermissionsReadBack()
    {
        var user = await CreateUserAsync(null);

        using var bad = await PutPermissionsAsync(user, "subscribe a/#/b\n");
        bad.StatusCode.Should().Be(System.Net.HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync()).Should().Contain("line 1");

        using var good = await PutPermissionsAsync(user, "publish -\nsubscribe a/+\n");
        good.IsSuccessStatusCode.Should().BeTrue();
        var text = await AdminHttp.GetStringAsync(new Uri($"{Admin}/users/{user}/permissions"));
        text.Should().Be("publish -\nsubscribe a/+\n");
    }

    private async Task<string> CreateUserAsync(string? permissions)
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");
        if (permissions is not null)
        {
            using var set = await PutPermissionsAsync(user, permissions);
            set.IsSuccessStatusCode.Should().BeTrue(await set.Content.ReadAsStringAsync());
        }
        return user;
    }

    private async Task<HttpResponseMessage> PutPermissionsAsync(string user, string text)
    {
        using var content = new StringContent(text);
        return await AdminHttp.PutAsync(new Uri($"{Admin}/users/{user}/permissions"), content);
    }
}
