using System.Net.Sockets;
using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>Bad input gets the protocol's own answer and costs other clients nothing: wrong credentials (SASL auth),
/// an unknown queue with auto-create off (amqp:not-found), an invalid address, an oversize frame
/// (framing-error), garbage bytes. Users from the user store get in with SASL PLAIN.</summary>
[Trait("Category", "Interop")]
public sealed class AmqpErrorTests(LockedDownAmqpBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<LockedDownAmqpBrokerFixture>(broker, output), IClassFixture<LockedDownAmqpBrokerFixture>
{
    [Fact]
    public async Task SaslPlain_KnownUser_Accepted_WrongPasswordOrAnonymous_Refused()
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "correct horse");
        var queue = $"/topics/{Prefix}/auth";

        var good = Amqp("send", "--address", queue, "--user", user, "--password", "correct horse");
        var bad = Amqp("send", "--address", queue, "--user", user, "--password", "battery staple");
        var anonymous = Amqp("send", "--address", queue);

        await good.SucceedAsync(ClientTimeout);
        (await bad.WaitForExitAsync(ClientTimeout)).Should().Be(3, bad.Describe());
        bad.Events("connection-error").Should().ContainSingle().Which.GetProperty("error").GetString().Should().ContainEquivalentOf("auth");
        (await anonymous.WaitForExitAsync(ClientTimeout)).Should().Be(3, anonymous.Describe());
    }

    [Fact]
    public async Task UnknownQueue_AutoCreateOff_AttachRefusedWithNotFound()
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");

        var sender = Amqp("send", "--address", $"/queues/{Prefix}-nowhere", "--user", user, "--password", "pw");
        var receiver = Amqp("receive", "--address", $"queue://{Prefix}-nowhere", "--user", user, "--password", "pw");

        (await sender.WaitForExitAsync(ClientTimeout)).Should().Be(4, sender.Describe());
        (await receiver.WaitForExitAsync(ClientTimeout)).Should().Be(4, receiver.Describe());
        foreach (var client in new[] { sender, receiver })
        {
            var error = client.Events("attach-error").Should().ContainSingle().Subject;
            error.GetProperty("condition").GetString().Should().Be("amqp:not-found");
            error.GetProperty("description").GetString().Should().Contain($"{Prefix}-nowhere").And.Contain("declare");
        }
    }

    [Fact]
    public async Task InvalidTopicAddress_AttachRefusedWithInvalidField()
    {
        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");

        var sender = Amqp("send", "--address", "/topics/a/+/b", "--user", user, "--password", "pw");

        (await sender.WaitForExitAsync(ClientTimeout)).Should().Be(4, sender.Describe());
        sender.Events("attach-error").Should().ContainSingle().Which.GetProperty("condition").GetString().Should().Be("amqp:invalid-field");
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("http")]
    [InlineData("oversize-frame")]
    public async Task BadBytes_ConnectionClosed_NextClientServed(string kind)
    {
        using (var socket = new TcpClient())
        {
            await socket.ConnectAsync(Broker.Host, Broker.AmqpPort);
            var stream = socket.GetStream();
            byte[] bytes = kind switch
            {
                "garbage" => Garbage(),
                "http" => "GET / HTTP/1.1\r\nHost: x\r\n\r\n"u8.ToArray(),
                // The SASL header, then a frame claiming 1 GiB: refused from its size alone, before any body is buffered.
                _ => [.. "AMQP\x03\x01\x00\x00"u8, 0x40, 0x00, 0x00, 0x00, 0x02, 0x01, 0x00, 0x00],
            };
            await stream.WriteAsync(bytes);
            var answer = new byte[64];
            var total = 0;
            using var timeout = new CancellationTokenSource(ClientTimeout);
            while (true)
            {
                var read = await stream.ReadAsync(answer.AsMemory(total), timeout.Token);
                if (read == 0)
                {
                    break; // the broker closed the connection
                }
                total = Math.Min(total + read, answer.Length - 1);
            }
            total.Should().BeGreaterThanOrEqualTo(8, "the broker answers with the protocol header it speaks before closing");
            System.Text.Encoding.ASCII.GetString(answer, 0, 4).Should().Be("AMQP");
        }

        var user = "u" + Prefix;
        await SetUserAsync(user, "pw");
        await Amqp("send", "--address", $"/topics/{Prefix}/after", "--user", user, "--password", "pw").SucceedAsync(ClientTimeout);
    }

    private static byte[] Garbage()
    {
        var bytes = new byte[1024];
        new Random(7).NextBytes(bytes);
        bytes[0] = (byte)'X';
        return bytes;
    }
}
