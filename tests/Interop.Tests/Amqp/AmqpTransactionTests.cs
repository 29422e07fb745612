using Interop.Tests.Infrastructure;

namespace Interop.Tests.Amqp;

/// <summary>
/// AMQP local transactions (Part 4) with qpid-proton's transaction API: posting and acknowledging under a transaction
/// take effect at commit and not at all at rollback, also when the connection closes with the transaction open; an
/// unknown txn-id and a transaction over Amqp:MaxTransactionBytes are refused with the transaction errors.
/// </summary>
[Trait("Category", "Interop")]
public sealed class AmqpTransactionTests(TransactionBrokerFixture broker, ITestOutputHelper output)
    : InteropTest<TransactionBrokerFixture>(broker, output), IClassFixture<TransactionBrokerFixture>
{
    private const int TransactionalState = 0x34;
    private const int RejectedState = 0x25;

    [Fact]
    public async Task Commit_SentMessagesAreEnqueued()
    {
        var queue = $"/queues/{Prefix}-commit";

        var txn = Amqp("txn", "--address", queue, "--count", 3, "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var received = Amqp("receive", "--address", queue, "--count", 4, "--receive-timeout", 2);
        await received.SucceedAsync(ClientTimeout);

        txn.Events("sent").Should().HaveCount(3).And.OnlyContain(e => e.GetProperty("state").GetInt32() == TransactionalState,
            "a transactional posting is answered with transactional-state (Part 4 §4.4.1)");
        txn.Events("sent").Select(e => e.GetProperty("outcome").GetString()).Should().OnlyContain(o => o != null && o.Contains("36"),
            "the provisional outcome is accepted (0x24)");
        txn.Events("discharged").Should().ContainSingle().Which.GetProperty("result").GetString().Should().Be("committed");
        received.Events("message").Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Should().Equal(0, 1, 2);
    }

    [Fact]
    public async Task Commit_OverTheAnonymousRelay_EachMessageReachesItsOwnAddress()
    {
        var first = $"/queues/{Prefix}-relay-a";
        var second = $"queue://{Prefix}-relay-b";

        var txn = Amqp("txn", "--to", first, "--to", second, "--count", 4, "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var fromFirst = Amqp("receive", "--address", first, "--count", 3, "--receive-timeout", 2);
        await fromFirst.SucceedAsync(ClientTimeout);
        var fromSecond = Amqp("receive", "--address", $"/queues/{Prefix}-relay-b", "--count", 3, "--receive-timeout", 2);
        await fromSecond.SucceedAsync(ClientTimeout);

        txn.Events("discharged").Should().ContainSingle().Which.GetProperty("result").GetString().Should().Be("committed");
        fromFirst.Events("message").Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Should().Equal([0, 2],
            "a transactional message on the relay goes where its 'to' says, not to the link's (empty) address");
        fromSecond.Events("message").Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Should().Equal(1, 3);
    }

    [Fact]
    public async Task Rollback_SentMessagesAreDropped()
    {
        var queue = $"/queues/{Prefix}-rollback";

        var txn = Amqp("txn", "--address", queue, "--count", 3, "--discharge", "rollback");
        await txn.SucceedAsync(ClientTimeout);
        var received = Amqp("receive", "--address", queue, "--count", 1, "--receive-timeout", 2);
        await received.SucceedAsync(ClientTimeout);

        txn.Events("discharged").Should().ContainSingle().Which.GetProperty("result").GetString().Should().Be("rolled-back");
        received.Events("message").Should().BeEmpty();
    }

    [Fact]
    public async Task TransactionalAccept_Committed_MessagesLeaveTheQueue()
    {
        var queue = $"/queues/{Prefix}-ack-commit";
        await Amqp("send", "--address", queue, "--count", 2).SucceedAsync(ClientTimeout);

        var txn = Amqp("txn", "--receive-from", queue, "--count", 2, "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var again = Amqp("receive", "--address", queue, "--count", 1, "--receive-timeout", 2);
        await again.SucceedAsync(ClientTimeout);

        txn.Events("message").Should().HaveCount(2);
        txn.Events("discharged").Should().ContainSingle().Which.GetProperty("result").GetString().Should().Be("committed");
        again.Events("message").Should().BeEmpty();
    }

    [Fact]
    public async Task TransactionalAccept_RolledBack_MessagesComeBackRedelivered()
    {
        var queue = $"/queues/{Prefix}-ack-rollback";
        await Amqp("send", "--address", queue, "--count", 2).SucceedAsync(ClientTimeout);

        var txn = Amqp("txn", "--receive-from", queue, "--count", 2, "--discharge", "rollback");
        await txn.SucceedAsync(ClientTimeout);
        var again = Amqp("receive", "--address", queue, "--count", 2);
        await again.SucceedAsync(ClientTimeout);

        txn.Events("discharged").Should().ContainSingle().Which.GetProperty("result").GetString().Should().Be("rolled-back");
        var messages = again.Events("message");
        messages.Select(m => m.GetProperty("properties").GetProperty("seq").GetInt32()).Should().Equal(0, 1);
        messages.Select(m => m.GetProperty("delivery_count").GetInt32()).Should().OnlyContain(c => c >= 1,
            "a rolled-back acknowledgement is a failed delivery attempt (JMSRedelivered)");
    }

    [Fact]
    public async Task ConsumeTransformProduce_Committed_MovesTheMessages()
    {
        var from = $"/queues/{Prefix}-ctp-in";
        var to = $"/queues/{Prefix}-ctp-out";
        await Amqp("send", "--address", from, "--count", 2).SucceedAsync(ClientTimeout);

        var txn = Amqp("txn", "--receive-from", from, "--address", to, "--count", 2, "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var source = Amqp("receive", "--address", from, "--count", 1, "--receive-timeout", 2);
        var target = Amqp("receive", "--address", to, "--count", 3, "--receive-timeout", 2);
        await Task.WhenAll(source.SucceedAsync(ClientTimeout), target.SucceedAsync(ClientTimeout));

        source.Events("message").Should().BeEmpty();
        target.Events("message").Should().HaveCount(2);
    }

    [Fact]
    public async Task ConnectionClosedWithOpenTransaction_RollsBack()
    {
        var from = $"/queues/{Prefix}-open-in";
        var to = $"/queues/{Prefix}-open-out";
        await Amqp("send", "--address", from, "--count", 2).SucceedAsync(ClientTimeout);

        var txn = Amqp("txn", "--receive-from", from, "--address", to, "--count", 2, "--discharge", "none");
        await txn.SucceedAsync(ClientTimeout);
        var source = Amqp("receive", "--address", from, "--count", 2);
        var target = Amqp("receive", "--address", to, "--count", 1, "--receive-timeout", 2);
        await Task.WhenAll(source.SucceedAsync(ClientTimeout), target.SucceedAsync(ClientTimeout));

        txn.Events("sent").Should().HaveCount(2);
        source.Events("message").Should().HaveCount(2, "the acknowledgements of the open transaction were rolled back");
        source.Events("message").Select(m => m.GetProperty("delivery_count").GetInt32()).Should().OnlyContain(c => c == 1,
            "one failed attempt: the receiver's detach gave them back, the rollback does not count them again");
        target.Events("message").Should().BeEmpty("the messages posted under the open transaction were dropped");
    }

    [Fact]
    public async Task UnknownTransactionId_SendAndDischargeRejected()
    {
        var queue = $"/queues/{Prefix}-unknown";

        var txn = Amqp("txn", "--address", queue, "--count", 1, "--txn-id", "00000000deadbeef", "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var received = Amqp("receive", "--address", queue, "--count", 1, "--receive-timeout", 2);
        await received.SucceedAsync(ClientTimeout);

        var sent = txn.Events("sent").Should().ContainSingle().Subject;
        sent.GetProperty("state").GetInt32().Should().Be(RejectedState);
        sent.GetProperty("condition").GetString().Should().Be("amqp:transaction:unknown-id");
        var discharged = txn.Events("discharged").Should().ContainSingle().Subject;
        discharged.GetProperty("result").GetString().Should().Be("commit-failed");
        discharged.GetProperty("condition").GetString().Should().Be("amqp:transaction:unknown-id");
        received.Events("message").Should().BeEmpty();
    }

    [Fact]
    public async Task OverMaxTransactionBytes_RejectedAndCommitRolledBack()
    {
        var queue = $"/queues/{Prefix}-limit";

        // The fixture allows 64 KiB per transaction: the 7th message of 10 KB goes over.
        var txn = Amqp("txn", "--address", queue, "--count", 10, "--size", 10_000, "--discharge", "commit");
        await txn.SucceedAsync(ClientTimeout);
        var received = Amqp("receive", "--address", queue, "--count", 1, "--receive-timeout", 2);
        await received.SucceedAsync(ClientTimeout);

        var sent = txn.Events("sent");
        sent.Take(6).Should().OnlyContain(e => e.GetProperty("state").GetInt32() == TransactionalState);
        sent.Skip(6).Should().OnlyContain(e => e.GetProperty("state").GetInt32() == RejectedState);
        sent[6].GetProperty("condition").GetString().Should().Be("amqp:resource-limit-exceeded");
        var discharged = txn.Events("discharged").Should().ContainSingle().Subject;
        discharged.GetProperty("result").GetString().Should().Be("commit-failed");
        discharged.GetProperty("condition").GetString().Should().Be("amqp:transaction:rollback");
        discharged.GetProperty("description").GetString().Should().Contain("Amqp:MaxTransactionBytes");
        received.Events("message").Should().BeEmpty();
    }
}

/// <summary>A broker whose transactions may hold 64 KiB (Amqp:MaxTransactionBytes), so the limit is reached quickly.</summary>
public sealed class TransactionBrokerFixture : BrokerFixture
{
    protected override IEnumerable<string> ExtraArguments => ["--Amqp:MaxTransactionBytes=65536"];
}
