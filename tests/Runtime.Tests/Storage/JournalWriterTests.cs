using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

/// <summary>The <see cref="JournalWriter"/>'s grouping and failure handling, over a fake storage (its behaviour over
/// the real storages is in <see cref="JournalStorageContractTests"/>).</summary>
[Trait("Category", "Storage")]
public sealed class JournalWriterTests
{
    private static readonly TimeSpan _timeout = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task CommitAsync_StorageThrows_EveryCallerOfThatGroupGetsJournalCommitExceptionAndWriterGoesOn()
    {
        var storage = new FakeJournalStorage { HoldFirstCommit = true };
        storage.FailingCommits.Add(2);
        await using var writer = NewWriter(storage);
        var first = writer.CommitAsync(Batch(1));
        await storage.FirstCommitEntered.WaitAsync(_timeout);
        var failing = Enumerable.Range(0, 10).Select(i => writer.CommitAsync(Batch(i))).ToArray();

        storage.Release();

        (await first.WaitAsync(_timeout)).Should().BeTrue();
        foreach (var commit in failing)
        {
            var thrown = await commit.Awaiting(c => c.WaitAsync(_timeout)).Should().ThrowAsync<JournalCommitException>();
            thrown.Which.InnerException.Should().BeOfType<InvalidOperationException>()
                .Which.Message.Should().Be("storage failure in commit 2");
        }
        (await writer.CommitAsync(Batch(1)).WaitAsync(_timeout)).Should().BeTrue();
        storage.GroupSizes.Should().Equal(1, 10, 1);
        writer.Commits.Should().Be(2); // the failed transaction is not counted, nor are its batches
        writer.Batches.Should().Be(2);
    }

    [Fact]
    public async Task CommitAsync_StorageThrowsSynchronously_CallerGetsJournalCommitException()
    {
        var storage = new SynchronouslyThrowingStorage();
        await using var writer = NewWriter(storage);

        await writer.Awaiting(w => w.CommitAsync(Batch(1)).WaitAsync(_timeout)).Should().ThrowAsync<JournalCommitException>();

        storage.Throw = false;
        (await writer.CommitAsync(Batch(1)).WaitAsync(_timeout)).Should().BeTrue();
    }

    [Fact]
    public async Task CommitAsync_StorageReturnsTooFewResults_EveryCallerIsAnsweredWithJournalCommitException()
    {
        var storage = new SynchronouslyThrowingStorage { Throw = false, ShortResults = true };
        await using var writer = NewWriter(storage);

        await writer.Awaiting(w => w.CommitAsync(Batch(1)).WaitAsync(_timeout)).Should().ThrowAsync<JournalCommitException>();
        writer.Commits.Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_EmptyBatch_ReturnsTrueWithoutATransaction()
    {
        var storage = new FakeJournalStorage();
        await using var writer = NewWriter(storage);

        (await writer.CommitAsync(new JournalBatch(GrainId.Create("queue", "q"), 1))).Should().BeTrue();

        storage.GroupSizes.Should().BeEmpty();
        writer.Commits.Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_MoreThanMaxBatchesWaiting_SplitsIntoGroupsOfAtMostTheLimit()
    {
        var storage = new FakeJournalStorage { HoldFirstCommit = true };
        await using var writer = NewWriter(storage, new JournalWriterOptions { MaxBatchesPerCommit = 4 });
        var first = writer.CommitAsync(Batch(1));
        await storage.FirstCommitEntered.WaitAsync(_timeout);
        var queued = Enumerable.Range(0, 10).Select(i => writer.CommitAsync(Batch(i))).ToArray();

        storage.Release();

        (await Task.WhenAll(queued.Append(first)).WaitAsync(_timeout)).Should().OnlyContain(a => a);
        storage.GroupSizes.Should().Equal(1, 4, 4, 2);
        writer.Commits.Should().Be(4);
        writer.Batches.Should().Be(11);
    }

    [Fact]
    public async Task CommitAsync_MoreThanMaxBytesWaiting_StartsANewGroupOnceTheLimitIsReached()
    {
        var storage = new FakeJournalStorage { HoldFirstCommit = true };
        await using var writer = NewWriter(storage, new JournalWriterOptions { MaxBytesPerCommit = 1000 });
        var first = writer.CommitAsync(Batch(1));
        await storage.FirstCommitEntered.WaitAsync(_timeout);
        var large = writer.CommitAsync(Batch(5000)); // above the limit: goes alone
        var small = Enumerable.Range(0, 3).Select(_ => writer.CommitAsync(Batch(400))).ToArray();

        storage.Release();

        (await Task.WhenAll(small.Append(large).Append(first)).WaitAsync(_timeout)).Should().OnlyContain(a => a);
        storage.GroupSizes.Should().Equal(1, 1, 3);
    }

    [Fact]
    public async Task DisposeAsync_WithBatchesQueued_CommitsThemBeforeReturning()
    {
        var storage = new FakeJournalStorage { HoldFirstCommit = true };
        var writer = NewWriter(storage);
        var first = writer.CommitAsync(Batch(1));
        await storage.FirstCommitEntered.WaitAsync(_timeout);
        var queued = Enumerable.Range(0, 5).Select(i => writer.CommitAsync(Batch(i))).ToArray();

        var dispose = writer.DisposeAsync().AsTask();
        dispose.IsCompleted.Should().BeFalse();
        storage.Release();
        await dispose.WaitAsync(_timeout);

        // Answered before DisposeAsync returned (the callers' continuations may still be running).
        (await first.WaitAsync(_timeout)).Should().BeTrue();
        (await Task.WhenAll(queued).WaitAsync(_timeout)).Should().OnlyContain(a => a);
        writer.Batches.Should().Be(6);
    }

    [Theory]
    [InlineData(0, 1, 1)]
    [InlineData(1, 0, 1)]
    [InlineData(1, 1, 0)]
    public void Constructor_LimitNotPositive_Throws(int maxBatches, int maxBytes, int queueCapacity)
    {
        var options = new JournalWriterOptions { MaxBatchesPerCommit = maxBatches, MaxBytesPerCommit = maxBytes, QueueCapacity = queueCapacity };

        var create = () => NewWriter(new FakeJournalStorage(), options);

        create.Should().Throw<ArgumentOutOfRangeException>();
    }

    private static JournalWriter NewWriter(IJournalStorage storage, JournalWriterOptions? options = null) =>
        new(storage, options ?? new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);

    private static JournalBatch Batch(int bytes)
    {
        var batch = new JournalBatch(GrainId.Create("queue", Guid.NewGuid().ToString("N")), 1);
        batch.Appends.Add(new JournalEntry(1, 0, new byte[bytes]));
        return batch;
    }

    /// <summary>Throws from <see cref="CommitAsync"/> itself (no faulted task), or answers with too few results.</summary>
    private sealed class SynchronouslyThrowingStorage : IJournalStorage
    {
        public bool Throw { get; set; } = true;

        public bool ShortResults { get; init; }

        public Task InitializeAsync(CancellationToken cancellationToken = default) => Task.CompletedTask;

        public Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default) =>
            Throw ? throw new InvalidOperationException("synchronous failure")
            : Task.FromResult(new bool[ShortResults ? batches.Count - 1 : batches.Count].Select(_ => true).ToArray());

        public Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default) =>
            Task.FromResult<IReadOnlyList<JournalEntry>>([]);

        public Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default) =>
            Task.FromResult(new JournalSummary(0, 0, 0));
    }
}
