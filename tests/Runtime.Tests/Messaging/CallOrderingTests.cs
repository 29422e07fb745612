using Runtime.Identity;
using Runtime.Messaging;

namespace Runtime.Tests.Messaging;

/// <summary>The order of remote calls to one grain through an owner change: retries go out in the order the calls were
/// made, after every earlier call was answered or resent, and new calls wait behind pending retries.</summary>
public sealed class CallOrderingTests
{
    private static readonly GrainId Target = new("topic", "a/b");
    private static readonly SiloAddress Old = new("127.0.0.1", 1, 2, 1);
    private static readonly SiloAddress New = new("127.0.0.1", 3, 4, 2);

    [Fact]
    public async Task NothingFails_CallsGoAtOnce()
    {
        var ordering = new CallOrdering();

        var a = ordering.BeginAsync(Target, Old, CancellationToken.None);
        var b = ordering.BeginAsync(Target, Old, CancellationToken.None);

        a.IsCompleted.Should().BeTrue();
        b.IsCompleted.Should().BeTrue();
        ordering.Complete(await a);
        ordering.Complete(await b);
    }

    [Fact]
    public async Task LaterCallFailsFirst_ItsResendWaitsForTheEarlierOne()
    {
        var ordering = new CallOrdering();
        var a = await ordering.BeginAsync(Target, Old, CancellationToken.None);
        var b = await ordering.BeginAsync(Target, Old, CancellationToken.None);

        ordering.MarkForResend(b);
        var bResend = ordering.ResendAsync(b, New, CancellationToken.None).AsTask();
        await Task.Delay(50);
        bResend.IsCompleted.Should().BeFalse("call a, made earlier, is still outstanding at the old owner");

        ordering.MarkForResend(a);
        var aResend = ordering.ResendAsync(a, New, CancellationToken.None).AsTask();
        await aResend.WaitAsync(TimeSpan.FromSeconds(5));
        await bResend.WaitAsync(TimeSpan.FromSeconds(5));
        ordering.Complete(a);
        ordering.Complete(b);
    }

    [Fact]
    public async Task NewCall_WhileAnEarlierWaitsForResend_IsHeldUntilTheResend()
    {
        var ordering = new CallOrdering();
        var a = await ordering.BeginAsync(Target, Old, CancellationToken.None);
        ordering.MarkForResend(a);

        var c = ordering.BeginAsync(Target, New, CancellationToken.None).AsTask();
        await Task.Delay(50);
        c.IsCompleted.Should().BeFalse("the new owner must see a's retry first");

        await ordering.ResendAsync(a, New, CancellationToken.None);
        var ticket = await c.WaitAsync(TimeSpan.FromSeconds(5));
        ordering.Complete(a);
        ordering.Complete(ticket);
    }

    [Fact]
    public async Task NewCall_WhileAnEarlierIsOutstandingAtTheOldOwner_IsHeldUntilItIsAnswered()
    {
        var ordering = new CallOrdering();
        var a = await ordering.BeginAsync(Target, Old, CancellationToken.None);

        var c = ordering.BeginAsync(Target, New, CancellationToken.None).AsTask();
        await Task.Delay(50);
        c.IsCompleted.Should().BeFalse();

        ordering.Complete(a);
        ordering.Complete(await c.WaitAsync(TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task HeldCall_Cancelled_DoesNotBlockLaterCalls()
    {
        var ordering = new CallOrdering();
        var a = await ordering.BeginAsync(Target, Old, CancellationToken.None);
        ordering.MarkForResend(a);
        using var cancel = new CancellationTokenSource();
        var held = ordering.BeginAsync(Target, New, cancel.Token).AsTask();

        await cancel.CancelAsync();
        await FluentActions.Awaiting(() => held).Should().ThrowAsync<OperationCanceledException>();
        ordering.Complete(a);

        var d = ordering.BeginAsync(Target, New, CancellationToken.None);
        d.IsCompleted.Should().BeTrue("nothing earlier is left");
        ordering.Complete(await d);
    }

    [Fact]
    public async Task OtherGrains_AreNotHeld()
    {
        var ordering = new CallOrdering();
        var a = await ordering.BeginAsync(Target, Old, CancellationToken.None);
        ordering.MarkForResend(a);

        var other = ordering.BeginAsync(new GrainId("topic", "c/d"), New, CancellationToken.None);

        other.IsCompleted.Should().BeTrue();
        ordering.Complete(await other);
        ordering.Complete(a);
    }
}
