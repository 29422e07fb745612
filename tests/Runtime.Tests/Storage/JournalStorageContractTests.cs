using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Identity;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Runtime.Tests.Storage;

/// <summary>
/// The <see cref="IJournalStorage"/> contract (fenced by the epochs of the <see cref="IGrainStorage"/> on the same store),
/// and the <see cref="JournalWriter"/>'s group commit over it, run against every implementation (one subclass each).
/// Every test uses fresh grain ids, so implementations backed by a shared database need no cleanup between tests.
/// </summary>
public abstract class JournalStorageContractTests : IAsyncLifetime
{
    private const string Owner = "silo-a";

    /// <summary>A new grain storage and journal over this test's store (as another silo, or a restarted one, would
    /// have), sharing one connection setup; not initialized yet.</summary>
    protected abstract (IGrainStorage Grains, IJournalStorage Journal) CreateStores();

    /// <summary>Lets the store gather planner statistics as a database in production has them (PostgreSQL: ANALYZE),
    /// since which plan runs a statement can change what it does.</summary>
    protected virtual Task RefreshStatisticsAsync() => Task.CompletedTask;

    public virtual Task InitializeAsync() => Task.CompletedTask;

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task InitializeAsync_ConcurrentOnEmptyStoreAndAgain_CreatesSchemaOnceAndKeepsRecords()
    {
        var stores = Enumerable.Range(0, 4).Select(_ => CreateStores()).ToArray();
        await Task.WhenAll(stores.Select(s => s.Grains.InitializeAsync()));
        await Task.WhenAll(stores.Select(s => s.Journal.InitializeAsync()));
        var (grains, journal) = stores[0];
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, 1, 2))).Should().BeTrue();

        await journal.InitializeAsync();
        var (_, again) = await OpenAsync();

        (await again.GetSummaryAsync(stream)).Should().Be(new JournalSummary(2, Payload(stream, 1).Length + Payload(stream, 2).Length, 2));
        (await stores[3].Journal.ReadAsync(stream, 0, 10)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task CommitAsync_AppendsOutOfOrder_ReadAsyncReturnsThemInSequenceOrderByteExact()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var first = new JournalBatch(stream, epoch);
        first.Appends.Add(new JournalEntry(3, 0, Payload(stream, 3)));
        first.Appends.Add(new JournalEntry(1, 2, Payload(stream, 1)));
        var second = new JournalBatch(stream, epoch);
        second.Appends.Add(new JournalEntry(2, 7, Payload(stream, 2)));
        second.Appends.Add(new JournalEntry(10, int.MaxValue, Payload(stream, 10)));

        (await CommitOneAsync(journal, first)).Should().BeTrue();
        (await CommitOneAsync(journal, second)).Should().BeTrue();

        var entries = await journal.ReadAsync(stream, 0, 100);
        entries.Select(e => e.Sequence).Should().Equal(1, 2, 3, 10);
        entries.Select(e => e.DeliveryCount).Should().Equal(2, 7, 0, int.MaxValue);
        foreach (var entry in entries)
        {
            entry.Data.ToArray().Should().Equal(Payload(stream, entry.Sequence));
        }
    }

    [Fact]
    public async Task CommitAsync_EmptyAndOneMebibytePayloads_RoundTripByteExact()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var large = new byte[1 << 20];
        new Random(42).NextBytes(large);
        var batch = new JournalBatch(stream, epoch);
        batch.Appends.Add(new JournalEntry(1, 0, ReadOnlyMemory<byte>.Empty));
        batch.Appends.Add(new JournalEntry(2, 0, large));
        batch.Appends.Add(new JournalEntry(3, 0, Array.Empty<byte>()));

        (await CommitOneAsync(journal, batch)).Should().BeTrue();

        var entries = await journal.ReadAsync(stream, 0, 10);
        entries.Select(e => e.Sequence).Should().Equal(1, 2, 3);
        entries[0].Data.Length.Should().Be(0);
        entries[1].Data.ToArray().Should().Equal(large);
        entries[2].Data.Length.Should().Be(0);
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(3, large.Length, 3));
    }

    [Fact]
    public async Task CommitAsync_SlicesOfLargerBuffer_StoresExactlyTheSlices()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var buffer = new byte[] { 9, 1, 2, 3, 9 };
        var batch = new JournalBatch(stream, epoch);
        batch.Appends.Add(new JournalEntry(1, 0, buffer.AsMemory(0, 2)));
        batch.Appends.Add(new JournalEntry(2, 0, buffer.AsMemory(1, 3)));
        batch.Appends.Add(new JournalEntry(3, 0, buffer.AsMemory(5, 0)));

        (await CommitOneAsync(journal, batch)).Should().BeTrue();
        buffer.AsSpan().Fill(0); // the journal must not keep referring to the caller's buffer

        var entries = await journal.ReadAsync(stream, 0, 10);
        entries[0].Data.ToArray().Should().Equal(9, 1);
        entries[1].Data.ToArray().Should().Equal(1, 2, 3);
        entries[2].Data.Length.Should().Be(0);
        (await journal.GetSummaryAsync(stream)).Bytes.Should().Be(5);
    }

    [Fact]
    public async Task ReadAsync_AfterSequenceAndMax_ReturnsThatPage()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, Enumerable.Range(1, 10).Select(i => (long)i * 2).ToArray())))
            .Should().BeTrue(); // sequences 2, 4, ..., 20

        (await journal.ReadAsync(stream, 0, 3)).Select(e => e.Sequence).Should().Equal(2, 4, 6);
        (await journal.ReadAsync(stream, 6, 3)).Select(e => e.Sequence).Should().Equal(8, 10, 12);
        (await journal.ReadAsync(stream, 7, 2)).Select(e => e.Sequence).Should().Equal(8, 10); // between two records
        (await journal.ReadAsync(stream, 16, 10)).Select(e => e.Sequence).Should().Equal(18, 20); // short last page
        (await journal.ReadAsync(stream, 20, 10)).Should().BeEmpty();
        (await journal.ReadAsync(stream, -1, 1)).Select(e => e.Sequence).Should().Equal(2);
        (await journal.ReadAsync(stream, 0, 0)).Should().BeEmpty();
        (await journal.ReadAsync(NewGrain(), 0, 10)).Should().BeEmpty();

        var paged = new List<long>();
        for (var after = 0L; ;)
        {
            var page = await journal.ReadAsync(stream, after, 4);
            if (page.Count == 0)
            {
                break;
            }
            page.Count.Should().BeLessThanOrEqualTo(4);
            paged.AddRange(page.Select(e => e.Sequence));
            after = page[^1].Sequence;
        }
        paged.Should().Equal(Enumerable.Range(1, 10).Select(i => (long)i * 2));
    }

    [Fact]
    public async Task ReadAsync_OtherStreams_AreNotMixedIn()
    {
        var (grains, journal) = await OpenAsync();
        var a = NewGrain();
        var b = NewGrain();
        var batches = new[] { Appending(a, await OwnAsync(grains, a), 1, 2), Appending(b, await OwnAsync(grains, b), 1, 3) };

        (await journal.CommitAsync(batches)).Should().Equal(true, true);

        var read = await journal.ReadAsync(a, 0, 10);
        read.Select(e => e.Sequence).Should().Equal(1, 2);
        read.Select(e => e.Data.ToArray()).Should().BeEquivalentTo(new[] { Payload(a, 1), Payload(a, 2) }, o => o.WithStrictOrdering());
        (await journal.GetSummaryAsync(b)).MaxSequence.Should().Be(3);
    }

    [Fact]
    public async Task CommitAsync_DeliveryCountsAndRemoves_Apply()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, 1, 2, 3, 4))).Should().BeTrue();
        var change = new JournalBatch(stream, epoch);
        change.DeliveryCounts.Add((2, 5));
        change.DeliveryCounts.Add((4, 1));
        change.DeliveryCounts.Add((99, 3)); // no such record: ignored
        change.Removes.Add(1);
        change.Removes.Add(3);
        change.Removes.Add(98); // no such record: ignored

        (await CommitOneAsync(journal, change)).Should().BeTrue();

        var entries = await journal.ReadAsync(stream, 0, 10);
        entries.Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((2L, 5), (4L, 1));
        entries.Select(e => e.Data.ToArray()).Should().BeEquivalentTo(new[] { Payload(stream, 2), Payload(stream, 4) }, o => o.WithStrictOrdering());
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(2, Payload(stream, 2).Length + Payload(stream, 4).Length, 4));
    }

    [Fact]
    public async Task CommitAsync_SameRecordCountedTwiceInOneBatch_LastCountWins()
    {
        var (grains, journal) = await OpenAsync();
        // A journal of some size with statistics, so that a database plans the update as it would in production.
        var streams = Enumerable.Range(0, 20).Select(_ => NewGrain()).ToArray();
        var batches = new List<JournalBatch>();
        foreach (var each in streams)
        {
            batches.Add(Appending(each, await OwnAsync(grains, each), Enumerable.Range(1, 200).Select(i => (long)i).ToArray()));
        }
        (await journal.CommitAsync(batches)).Should().OnlyContain(applied => applied);
        await RefreshStatisticsAsync();
        var stream = streams[7];
        var batch = new JournalBatch(stream, batches[7].Epoch);
        batch.DeliveryCounts.AddRange([(1, 1), (2, 7), (1, 5), (1, 3), (2, 2), (3, 4)]);

        (await CommitOneAsync(journal, batch)).Should().BeTrue();

        (await journal.ReadAsync(stream, 0, 4)).Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((1L, 3), (2L, 2), (3L, 4), (4L, 0));
    }

    [Fact]
    public async Task CommitAsync_SequencesBeyondInt32_RoundTrip()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        const long Big = 1L << 40;

        (await CommitOneAsync(journal, Appending(stream, epoch, Big + 1, Big, long.MaxValue - 1))).Should().BeTrue();

        (await journal.ReadAsync(stream, Big, 10)).Select(e => e.Sequence).Should().Equal(Big + 1, long.MaxValue - 1);
        (await journal.GetSummaryAsync(stream)).MaxSequence.Should().Be(long.MaxValue - 1);
    }

    [Fact]
    public async Task CommitAsync_GrainKeysWithQuotesWildcardsAndUnicode_KeptApart()
    {
        var (grains, journal) = await OpenAsync();
        var unique = Guid.NewGuid().ToString("N");
        var streams = new[] { $"{unique}'\"; --", $"{unique}%", $"{unique}_", $"{unique}ключ/ü", unique }
            .Select(key => GrainId.Create("queue", key)).ToArray();
        var batches = new List<JournalBatch>();
        for (var i = 0; i < streams.Length; i++)
        {
            batches.Add(Appending(streams[i], await OwnAsync(grains, streams[i]), Enumerable.Range(1, i + 1).Select(n => (long)n).ToArray()));
        }

        (await journal.CommitAsync(batches)).Should().OnlyContain(applied => applied);

        for (var i = 0; i < streams.Length; i++)
        {
            var entries = await journal.ReadAsync(streams[i], 0, 10);
            entries.Should().HaveCount(i + 1);
            entries[^1].Data.ToArray().Should().Equal(Payload(streams[i], i + 1));
            (await journal.GetSummaryAsync(streams[i])).Count.Should().Be(i + 1);
        }
    }

    [Fact]
    public async Task ReadAsync_NegativeMax_Throws()
    {
        var (_, journal) = await OpenAsync();

        await journal.Awaiting(j => j.ReadAsync(NewGrain(), 0, -1)).Should().ThrowAsync<ArgumentOutOfRangeException>();
    }

    [Fact]
    public async Task CommitAsync_AllOperationsInOneBatch_ApplyInPurgeAppendCountRemoveOrder()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, 1, 2))).Should().BeTrue();
        var batch = Appending(stream, epoch, 3, 4, 5);
        batch.Purge = true;           // removes 1 and 2, not the appends of the same batch
        batch.DeliveryCounts.Add((4, 9)); // applies to a record appended by the same batch
        batch.Removes.Add(5);         // removes a record appended by the same batch

        (await CommitOneAsync(journal, batch)).Should().BeTrue();

        (await journal.ReadAsync(stream, 0, 10)).Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((3L, 0), (4L, 9));
        (await journal.GetSummaryAsync(stream)).MaxSequence.Should().Be(5);
    }

    [Fact]
    public async Task CommitAsync_Purge_DeletesEverythingAndLaterAppendContinues()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, 1, 2, 3))).Should().BeTrue();

        (await CommitOneAsync(journal, new JournalBatch(stream, epoch) { Purge = true })).Should().BeTrue();

        (await journal.ReadAsync(stream, 0, 10)).Should().BeEmpty();
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(0, 0, 3));

        var summary = await journal.GetSummaryAsync(stream);
        (await CommitOneAsync(journal, Appending(stream, epoch, summary.MaxSequence + 1))).Should().BeTrue();

        var entries = await journal.ReadAsync(stream, 0, 10);
        entries.Select(e => e.Sequence).Should().Equal(4);
        entries[0].Data.ToArray().Should().Equal(Payload(stream, 4));
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(1, Payload(stream, 4).Length, 4));
    }

    [Fact]
    public async Task GetSummaryAsync_AfterAppendsAndRemovals_CountsRecordsBytesAndKeepsHighWaterMark()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(0, 0, 0));
        var batch = new JournalBatch(stream, epoch);
        batch.Appends.Add(new JournalEntry(1, 0, new byte[10]));
        batch.Appends.Add(new JournalEntry(2, 0, new byte[20]));
        batch.Appends.Add(new JournalEntry(3, 0, new byte[300]));
        (await CommitOneAsync(journal, batch)).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(3, 330, 3));

        var removeHighest = new JournalBatch(stream, epoch);
        removeHighest.Removes.Add(3);
        (await CommitOneAsync(journal, removeHighest)).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(2, 30, 3));

        var removeAll = new JournalBatch(stream, epoch);
        removeAll.Removes.AddRange([1, 2]);
        (await CommitOneAsync(journal, removeAll)).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(0, 0, 3));

        // A lower sequence appended later does not lower the high-water mark.
        (await CommitOneAsync(journal, Appending(stream, epoch, 2))).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(1, Payload(stream, 2).Length, 3));
    }

    [Fact]
    public async Task CommitAsync_DeliveredThrough_OnlyRisesAndSurvivesPurgeAndRemovals()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var appendAndMark = Appending(stream, epoch, 1, 2, 3);
        appendAndMark.DeliveredThrough = 2;
        (await CommitOneAsync(journal, appendAndMark)).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).DeliveredThrough.Should().Be(2);

        (await CommitOneAsync(journal, new JournalBatch(stream, epoch) { DeliveredThrough = 1 })).Should().BeTrue();
        (await journal.GetSummaryAsync(stream)).DeliveredThrough.Should().Be(2, "the mark never goes down");

        var markOnly = new JournalBatch(stream, epoch) { DeliveredThrough = 3 };
        markOnly.IsEmpty.Should().BeFalse();
        (await CommitOneAsync(journal, markOnly)).Should().BeTrue();
        var removeAll = new JournalBatch(stream, epoch);
        removeAll.Removes.AddRange([1, 2, 3]);
        (await CommitOneAsync(journal, removeAll)).Should().BeTrue();
        (await CommitOneAsync(journal, new JournalBatch(stream, epoch) { Purge = true })).Should().BeTrue();

        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(0, 0, 3, 3));
        (await journal.GetSummaryAsync(NewGrain())).DeliveredThrough.Should().Be(0);
    }

    [Fact]
    public async Task CommitAsync_DeliveredThroughOfManyGrainsInOneCall_EachKeptAndFencedOneNotSet()
    {
        var (grains, journal) = await OpenAsync();
        var streams = Enumerable.Range(0, 5).Select(_ => NewGrain()).ToArray();
        var epochs = new long[streams.Length];
        for (var i = 0; i < streams.Length; i++)
        {
            epochs[i] = await OwnAsync(grains, streams[i]);
        }
        var stale = streams[4];
        await OwnAsync(grains, stale, "silo-b");
        var batches = new List<JournalBatch>();
        for (var i = 0; i < streams.Length; i++)
        {
            var batch = i % 2 == 0 ? Appending(streams[i], epochs[i], 1, 2) : new JournalBatch(streams[i], epochs[i]);
            batch.DeliveredThrough = 10 + i;
            batches.Add(batch);
        }
        batches.Add(new JournalBatch(streams[0], epochs[0]) { DeliveredThrough = 5 }); // lower, later: keeps 10

        (await journal.CommitAsync(batches)).Should().Equal(true, true, true, true, false, true);

        for (var i = 0; i < 4; i++)
        {
            var summary = await journal.GetSummaryAsync(streams[i]);
            summary.DeliveredThrough.Should().Be(10 + i);
            summary.MaxSequence.Should().Be(i % 2 == 0 ? 2 : 0);
        }
        (await journal.GetSummaryAsync(stale)).Should().Be(new JournalSummary(0, 0, 0, 0));
    }

    [Fact]
    public async Task CommitAsync_OldEpochAfterNewerOwnership_NotAppliedWhileOtherGrainInSameCallIs()
    {
        var (grains, journal) = await OpenAsync();
        var stale = NewGrain();
        var other = NewGrain();
        var staleEpoch = await OwnAsync(grains, stale);
        var otherEpoch = await OwnAsync(grains, other);
        (await CommitOneAsync(journal, Appending(stale, staleEpoch, 1, 2))).Should().BeTrue();
        var before = await journal.GetSummaryAsync(stale);
        var currentEpoch = await OwnAsync(grains, stale, "silo-b");
        currentEpoch.Should().BeGreaterThan(staleEpoch);

        var fenced = Appending(stale, staleEpoch, 3, 4);
        fenced.Purge = true;
        fenced.DeliveryCounts.Add((1, 9));
        fenced.Removes.Add(2);
        var fencedAppendOnly = Appending(stale, staleEpoch, 5);
        var applied = Appending(other, otherEpoch, 1);
        var result = await journal.CommitAsync([fenced, applied, fencedAppendOnly]);

        result.Should().Equal(false, true, false);
        (await journal.GetSummaryAsync(stale)).Should().Be(before);
        (await journal.ReadAsync(stale, 0, 10)).Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((1L, 0), (2L, 0));
        (await journal.ReadAsync(other, 0, 10)).Select(e => e.Sequence).Should().Equal(1);

        // The new owner continues the same journal.
        (await CommitOneAsync(journal, Appending(stale, currentEpoch, 3))).Should().BeTrue();
        (await journal.ReadAsync(stale, 0, 10)).Select(e => e.Sequence).Should().Equal(1, 2, 3);
    }

    [Fact]
    public async Task CommitAsync_NewerEpochThanStored_NotApplied()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);

        (await journal.CommitAsync([Appending(stream, epoch + 1, 1)])).Should().Equal(false);

        (await journal.GetSummaryAsync(stream)).Should().Be(new JournalSummary(0, 0, 0));
    }

    [Fact]
    public async Task CommitAsync_NeverOwnedGrain_NotApplied()
    {
        var (grains, journal) = await OpenAsync();
        var owned = NewGrain();
        var ownedEpoch = await OwnAsync(grains, owned);
        var neverOwned = NewGrain();
        var purge = new JournalBatch(neverOwned, 1) { Purge = true };

        var result = await journal.CommitAsync([Appending(neverOwned, 1, 1), Appending(owned, ownedEpoch, 1), purge, Appending(neverOwned, 0, 2)]);

        result.Should().Equal(false, true, false, false);
        (await journal.GetSummaryAsync(neverOwned)).Should().Be(new JournalSummary(0, 0, 0));
        (await journal.ReadAsync(neverOwned, 0, 10)).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_EmptyList_ReturnsNoResults()
    {
        var (_, journal) = await OpenAsync();

        (await journal.CommitAsync([])).Should().BeEmpty();
    }

    [Fact]
    public async Task CommitAsync_SameGrainTwiceInOneCall_AppliesBothInOrder()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var remove = new JournalBatch(stream, epoch);
        remove.Removes.Add(1);
        remove.DeliveryCounts.Add((2, 4));

        (await journal.CommitAsync([Appending(stream, epoch, 1, 2), remove, Appending(stream, epoch, 3)])).Should().Equal(true, true, true);

        (await journal.ReadAsync(stream, 0, 10)).Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((2L, 4), (3L, 0));
    }

    [Fact]
    public async Task CommitAsync_ManyGrainsInOneCall_AllApplied()
    {
        var (grains, journal) = await OpenAsync();
        var streams = Enumerable.Range(0, 100).Select(_ => NewGrain()).ToArray();
        var batches = new List<JournalBatch>();
        foreach (var stream in streams)
        {
            batches.Add(Appending(stream, await OwnAsync(grains, stream), Enumerable.Range(1, 10).Select(i => (long)i).ToArray()));
        }

        var result = await journal.CommitAsync(batches);

        result.Should().HaveCount(100).And.OnlyContain(applied => applied);
        foreach (var stream in streams)
        {
            var entries = await journal.ReadAsync(stream, 0, 100);
            entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 10).Select(i => (long)i));
            entries.Select(e => e.Data.ToArray()).Should().BeEquivalentTo(
                Enumerable.Range(1, 10).Select(i => Payload(stream, i)), o => o.WithStrictOrdering());
            (await journal.GetSummaryAsync(stream)).MaxSequence.Should().Be(10);
        }
    }

    [Fact]
    public async Task CommitAsync_FailingBatchInOneCall_ThrowsAndAppliesNothingOfTheCall()
    {
        var (grains, journal) = await OpenAsync();
        var good = NewGrain();
        var bad = NewGrain();
        var goodEpoch = await OwnAsync(grains, good);
        var badEpoch = await OwnAsync(grains, bad);
        (await CommitOneAsync(journal, Appending(bad, badEpoch, 1))).Should().BeTrue();
        var badSummary = await journal.GetSummaryAsync(bad);
        var duplicate = Appending(bad, badEpoch, 2, 1); // sequence 1 exists: the database refuses the call
        duplicate.DeliveryCounts.Add((1, 5));

        var commit = () => journal.CommitAsync([Appending(good, goodEpoch, 1, 2), duplicate]);

        await commit.Should().ThrowAsync<Exception>();
        (await journal.GetSummaryAsync(good)).Should().Be(new JournalSummary(0, 0, 0));
        (await journal.GetSummaryAsync(bad)).Should().Be(badSummary);
        (await journal.ReadAsync(bad, 0, 10)).Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((1L, 0));

        // The storage is usable afterwards.
        (await journal.CommitAsync([Appending(good, goodEpoch, 1, 2)])).Should().Equal(true);
        (await journal.ReadAsync(good, 0, 10)).Select(e => e.Sequence).Should().Equal(1, 2);
    }

    [Fact]
    public async Task CommitAsync_ConcurrentCallsFromSeveralInstances_AllApplied()
    {
        var stores = new List<(IGrainStorage Grains, IJournalStorage Journal)>();
        for (var i = 0; i < 4; i++)
        {
            stores.Add(await OpenAsync());
        }
        var streams = Enumerable.Range(0, 40).Select(_ => NewGrain()).ToArray();
        var epochs = new long[streams.Length];
        for (var i = 0; i < streams.Length; i++)
        {
            epochs[i] = await OwnAsync(stores[i % stores.Count].Grains, streams[i]);
        }

        // Each instance commits the batches of its grains, 5 sequences each, 2 grains per call, all at once.
        var calls = new List<Task<bool[]>>();
        for (var seq = 1L; seq <= 5; seq++)
        {
            for (var i = 0; i < streams.Length; i += 2)
            {
                var journal = stores[i / 2 % stores.Count].Journal;
                var batches = new[] { Appending(streams[i], epochs[i], seq), Appending(streams[i + 1], epochs[i + 1], seq) };
                calls.Add(Task.Run(() => journal.CommitAsync(batches)));
            }
        }
        var results = await Task.WhenAll(calls);

        results.SelectMany(r => r).Should().HaveCount(200).And.OnlyContain(applied => applied);
        foreach (var stream in streams)
        {
            (await stores[0].Journal.ReadAsync(stream, 0, 10)).Select(e => e.Sequence).Should().Equal(1, 2, 3, 4, 5);
        }
    }

    [Fact]
    public async Task CommitAsync_ConcurrentTakeover_NoStaleBatchAppliedAfterIt()
    {
        var (grains, journal) = await OpenAsync();
        var (otherGrains, otherJournal) = await OpenAsync(); // the silo that takes the grain over
        var stream = NewGrain();
        var staleEpoch = await OwnAsync(grains, stream);
        var lastApplied = 0L;
        var takeoverDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        // The old owner keeps appending until it is fenced.
        var appender = Task.Run(async () =>
        {
            var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
            for (var seq = 1L; DateTime.UtcNow < deadline; seq++)
            {
                if (!(await journal.CommitAsync([Appending(stream, staleEpoch, seq)]))[0])
                {
                    return seq;
                }
                Volatile.Write(ref lastApplied, seq);
                if (seq == 20)
                {
                    takeoverDone.TrySetResult(); // let the takeover start in the middle of the appends
                }
                await Task.Yield(); // the in-memory journal completes synchronously: leave the takeover room to run
            }
            throw new InvalidOperationException("never fenced");
        });
        await takeoverDone.Task.WaitAsync(TimeSpan.FromSeconds(30));
        var newEpoch = await OwnAsync(otherGrains, stream, "silo-b");
        var seenByNewOwner = await otherJournal.GetSummaryAsync(stream);
        var firstFenced = await appender.WaitAsync(TimeSpan.FromSeconds(60));

        // Everything the old owner was told was applied, the new owner sees; nothing landed after the takeover.
        seenByNewOwner.MaxSequence.Should().Be(firstFenced - 1).And.Be(Volatile.Read(ref lastApplied));
        seenByNewOwner.Count.Should().Be(firstFenced - 1);
        (await otherJournal.GetSummaryAsync(stream)).Should().Be(seenByNewOwner);
        (await otherJournal.CommitAsync([Appending(stream, newEpoch, firstFenced)])).Should().Equal(true);
        (await journal.CommitAsync([Appending(stream, staleEpoch, firstFenced + 1)])).Should().Equal(false);
        (await otherJournal.ReadAsync(stream, 0, int.MaxValue)).Select(e => e.Sequence)
            .Should().Equal(Enumerable.Range(1, (int)firstFenced).Select(i => (long)i));
    }

    [Fact]
    public async Task CommitAsync_OnOneInstance_SeenByANewInstanceOnTheSameStore()
    {
        var (grains, journal) = await OpenAsync();
        var stream = NewGrain();
        var epoch = await OwnAsync(grains, stream);
        var batch = Appending(stream, epoch, 1, 2, 3);
        batch.DeliveryCounts.Add((2, 3));
        (await CommitOneAsync(journal, batch)).Should().BeTrue();
        var remove = new JournalBatch(stream, epoch);
        remove.Removes.Add(3);
        (await CommitOneAsync(journal, remove)).Should().BeTrue();

        var (restartedGrains, restarted) = await OpenAsync(); // as after a restart, or on another silo

        var entries = await restarted.ReadAsync(stream, 0, 10);
        entries.Select(e => (e.Sequence, e.DeliveryCount)).Should().Equal((1L, 0), (2L, 3));
        entries.Select(e => e.Data.ToArray()).Should().BeEquivalentTo(new[] { Payload(stream, 1), Payload(stream, 2) }, o => o.WithStrictOrdering());
        (await restarted.GetSummaryAsync(stream)).Should().Be(new JournalSummary(2, Payload(stream, 1).Length + Payload(stream, 2).Length, 3));

        // The restarted instance's fence is the same: a takeover there fences the first instance's writes.
        var newEpoch = await OwnAsync(restartedGrains, stream, "silo-b");
        (await journal.CommitAsync([Appending(stream, epoch, 4)])).Should().Equal(false);
        (await restarted.CommitAsync([Appending(stream, epoch, 4)])).Should().Equal(false);
        (await journal.CommitAsync([Appending(stream, newEpoch, 4)])).Should().Equal(true);
        (await restarted.ReadAsync(stream, 3, 10)).Select(e => e.Sequence).Should().Equal(4);
    }

    [Fact]
    public async Task JournalWriter_ThousandConcurrentCommitsFromFiftyGrains_AllAppliedInFewTransactions()
    {
        var (grains, journal) = await OpenAsync();
        var streams = Enumerable.Range(0, 50).Select(_ => NewGrain()).ToArray();
        var epochs = new Dictionary<GrainId, long>();
        foreach (var stream in streams)
        {
            epochs[stream] = await OwnAsync(grains, stream);
        }
        // The first transaction waits until every call was made, so the others queue behind it as under load.
        var gated = new GatedJournalStorage(journal);
        await using var writer = new JournalWriter(gated, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);

        var commits = new Task<bool>[1000];
        await Task.WhenAll(Enumerable.Range(0, commits.Length).Select(i => Task.Run(() =>
        {
            var stream = streams[i % streams.Length];
            var batch = Appending(stream, epochs[stream], i / streams.Length + 1);
            batch.DeliveryCounts.Add((i / streams.Length + 1, 1));
            commits[i] = writer.CommitAsync(batch);
        })));
        gated.Release();
        var results = await Task.WhenAll(commits).WaitAsync(TimeSpan.FromSeconds(60));

        results.Should().OnlyContain(applied => applied);
        writer.Batches.Should().Be(1000);
        writer.Commits.Should().BeLessThan(writer.Batches).And.BeLessThanOrEqualTo(10);
        gated.GroupSizes.Sum().Should().Be(1000);
        foreach (var stream in streams)
        {
            var entries = await writer.ReadAsync(stream, 0, 100);
            entries.Select(e => e.Sequence).Should().Equal(Enumerable.Range(1, 20).Select(i => (long)i));
            entries.Should().OnlyContain(e => e.DeliveryCount == 1);
            entries.Select(e => e.Data.ToArray()).Should().BeEquivalentTo(
                Enumerable.Range(1, 20).Select(i => Payload(stream, i)), o => o.WithStrictOrdering());
            (await writer.GetSummaryAsync(stream)).Should().Be(await journal.GetSummaryAsync(stream));
        }
    }

    [Fact]
    public async Task JournalWriter_FencedBatchInAGroup_ReturnsFalseWhileTheOthersReturnTrue()
    {
        var (grains, journal) = await OpenAsync();
        var streams = Enumerable.Range(0, 10).Select(_ => NewGrain()).ToArray();
        var epochs = new long[streams.Length];
        for (var i = 0; i < streams.Length; i++)
        {
            epochs[i] = await OwnAsync(grains, streams[i]);
        }
        var stale = NewGrain();
        var staleEpoch = await OwnAsync(grains, stale);
        await OwnAsync(grains, stale, "silo-b");
        var gated = new GatedJournalStorage(journal);
        await using var writer = new JournalWriter(gated, new JournalWriterOptions(), NullLogger<JournalWriter>.Instance);

        var first = writer.CommitAsync(Appending(streams[0], epochs[0], 1));
        await gated.FirstCommitEntered.WaitAsync(TimeSpan.FromSeconds(30));
        var grouped = new List<Task<bool>>();
        for (var i = 1; i < streams.Length; i++)
        {
            grouped.Add(writer.CommitAsync(Appending(streams[i], epochs[i], 1)));
            if (i == 5)
            {
                grouped.Add(writer.CommitAsync(Appending(stale, staleEpoch, 1)));
            }
        }
        gated.Release();

        (await first).Should().BeTrue();
        (await Task.WhenAll(grouped)).Should().Equal(true, true, true, true, true, false, true, true, true, true);
        gated.GroupSizes.Should().Equal(1, 10);
        writer.Commits.Should().Be(2);
        writer.Batches.Should().Be(11);
        (await writer.GetSummaryAsync(stale)).Should().Be(new JournalSummary(0, 0, 0));
        foreach (var stream in streams)
        {
            (await writer.ReadAsync(stream, 0, 10)).Select(e => e.Sequence).Should().Equal(1);
        }
    }

    /// <summary>A fresh grain storage and journal over this test's store, initialized in that order.</summary>
    private async Task<(IGrainStorage Grains, IJournalStorage Journal)> OpenAsync()
    {
        var stores = CreateStores();
        await stores.Grains.InitializeAsync();
        await stores.Journal.InitializeAsync();
        return stores;
    }

    private static async Task<long> OwnAsync(IGrainStorage grains, GrainId stream, string owner = Owner) =>
        (await grains.TakeOwnershipAsync(stream, owner)).Epoch;

    private static async Task<bool> CommitOneAsync(IJournalStorage journal, JournalBatch batch)
    {
        var result = await journal.CommitAsync([batch]);
        result.Should().HaveCount(1);
        return result[0];
    }

    private static JournalBatch Appending(GrainId stream, long epoch, params long[] sequences)
    {
        var batch = new JournalBatch(stream, epoch);
        foreach (var sequence in sequences)
        {
            batch.Appends.Add(new JournalEntry(sequence, 0, Payload(stream, sequence)));
        }
        return batch;
    }

    /// <summary>Bytes that differ by stream and sequence (and in length), so a mixed-up record shows.</summary>
    private static byte[] Payload(GrainId stream, long sequence) =>
        System.Text.Encoding.UTF8.GetBytes($"{stream}#{sequence}#" + new string('x', (int)(sequence % 7)));

    private static GrainId NewGrain() => GrainId.Create("queue", Guid.NewGuid().ToString("N"));
}
