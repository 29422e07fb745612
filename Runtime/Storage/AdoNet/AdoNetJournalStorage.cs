using System.Data.Common;
using System.Runtime.InteropServices;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// <see cref="IJournalStorage"/> on a relational database (table <c>journal</c>, SQL in <c>Sql/{dialect}-Journal.sql</c>).
/// One group commit = one transaction: read the epochs of every stream in the group (PostgreSQL locks those
/// grain_state rows FOR SHARE; SQLite holds the file's write lock from BEGIN IMMEDIATE), then apply only the batches
/// whose epoch matches. A dialect that offers array statements (<c>AppendMany</c>, ...) gets one statement per batch
/// and operation; otherwise prepared per-row statements run inside the same transaction.
/// </summary>
public sealed class AdoNetJournalStorage : IJournalStorage
{
    private readonly IAdoNetDialect _dialect;
    private readonly SqlScript _script;
    private readonly bool _bulk;

    public AdoNetJournalStorage(IAdoNetDialect dialect)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _script = SqlScript.Load(dialect.Name, "Journal");
        _bulk = _script.Find("AppendMany") is not null;
    }

    /// <summary>Creates the journal tables (grain_state must exist too: initialize the grain storage first).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(_dialect, _script, cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        var applied = new bool[batches.Count];
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        var epochs = await ReadEpochsAsync(connection, transaction, batches, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            if (!epochs.TryGetValue(batch.Stream.ToString(), out var epoch) || epoch != batch.Epoch)
            {
                continue; // fenced: a newer activation owns this grain
            }
            await ApplyAsync(connection, transaction, batch, cancellationToken).ConfigureAwait(false);
            applied[i] = true;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    public async Task<IReadOnlyList<JournalEntry>> ReadAsync(GrainId stream, long afterSequence, int max, CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(max); // LIMIT -1 is "no limit" in SQLite and an error in PostgreSQL
        await using var lease = await _dialect.OpenAsync(write: false, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_script["Read"])
            .With("@stream_id", stream.ToString())
            .With("@after", afterSequence)
            .With("@max", max);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<JournalEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(new JournalEntry(reader.GetInt64(0), reader.GetInt32(1), reader.GetFieldValue<byte[]>(2)));
        }
        return entries;
    }

    public async Task<JournalSummary> GetSummaryAsync(GrainId stream, CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: false, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_script["Summary"]).With("@stream_id", stream.ToString());
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        return new JournalSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2));
    }

    private async Task<Dictionary<string, long>> ReadEpochsAsync(DbConnection connection, DbTransaction transaction,
        IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in batches)
        {
            ids.Add(batch.Stream.ToString());
        }
        var epochs = new Dictionary<string, long>(ids.Count, StringComparer.Ordinal);
        if (_bulk)
        {
            await using var command = connection.CreateCommand(_script["FenceEpochs"], transaction).With("@ids", ids.ToArray());
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                epochs[reader.GetString(0)] = reader.GetInt64(1);
            }
            return epochs;
        }
        await using var single = connection.CreateCommand(_script["FenceEpoch"], transaction).With("@id", string.Empty);
        foreach (var id in ids)
        {
            single.Parameters[0].Value = id;
            if (await single.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is { } value and not DBNull)
            {
                epochs[id] = Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return epochs;
    }

    private async Task ApplyAsync(DbConnection connection, DbTransaction transaction, JournalBatch batch, CancellationToken cancellationToken)
    {
        var stream = batch.Stream.ToString();
        if (batch.Purge)
        {
            await using var purge = connection.CreateCommand(_script["Purge"], transaction).With("@stream_id", stream);
            await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (batch.Appends.Count > 0)
        {
            await AppendAsync(connection, transaction, stream, batch.Appends, cancellationToken).ConfigureAwait(false);
            var high = 0L;
            foreach (var entry in batch.Appends)
            {
                high = Math.Max(high, entry.Sequence);
            }
            await using var highWater = connection.CreateCommand(_script["HighWater"], transaction).With("@stream_id", stream).With("@seq", high);
            await highWater.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (batch.DeliveryCounts.Count > 0)
        {
            await SetDeliveryCountsAsync(connection, transaction, stream, batch.DeliveryCounts, cancellationToken).ConfigureAwait(false);
        }
        if (batch.Removes.Count > 0)
        {
            await RemoveAsync(connection, transaction, stream, batch.Removes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(DbConnection connection, DbTransaction transaction, string stream, List<JournalEntry> entries,
        CancellationToken cancellationToken)
    {
        if (_bulk)
        {
            var seqs = new long[entries.Count];
            var counts = new int[entries.Count];
            var datas = new byte[entries.Count][];
            for (var i = 0; i < entries.Count; i++)
            {
                seqs[i] = entries[i].Sequence;
                counts[i] = entries[i].DeliveryCount;
                datas[i] = WholeArray(entries[i].Data);
            }
            await using var many = connection.CreateCommand(_script["AppendMany"], transaction)
                .With("@stream_id", stream).With("@seqs", seqs).With("@counts", counts).With("@datas", datas);
            await many.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var command = connection.CreateCommand(_script["Append"], transaction)
            .With("@stream_id", stream).With("@seq", 0L).With("@count", 0).With(_dialect.CreateBlobParameter("@data", ReadOnlyMemory<byte>.Empty));
        foreach (var entry in entries)
        {
            command.Parameters[1].Value = entry.Sequence;
            command.Parameters[2].Value = entry.DeliveryCount;
            command.Parameters[3].Value = WholeArray(entry.Data);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetDeliveryCountsAsync(DbConnection connection, DbTransaction transaction, string stream,
        List<(long Sequence, int DeliveryCount)> updates, CancellationToken cancellationToken)
    {
        if (_bulk)
        {
            var seqs = new long[updates.Count];
            var counts = new int[updates.Count];
            for (var i = 0; i < updates.Count; i++)
            {
                (seqs[i], counts[i]) = updates[i];
            }
            await using var many = connection.CreateCommand(_script["SetDeliveryCountMany"], transaction)
                .With("@stream_id", stream).With("@seqs", seqs).With("@counts", counts);
            await many.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var command = connection.CreateCommand(_script["SetDeliveryCount"], transaction)
            .With("@stream_id", stream).With("@seq", 0L).With("@count", 0);
        foreach (var (sequence, count) in updates)
        {
            command.Parameters[1].Value = sequence;
            command.Parameters[2].Value = count;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveAsync(DbConnection connection, DbTransaction transaction, string stream, List<long> sequences,
        CancellationToken cancellationToken)
    {
        if (_bulk)
        {
            await using var many = connection.CreateCommand(_script["RemoveMany"], transaction)
                .With("@stream_id", stream).With("@seqs", sequences.ToArray());
            await many.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        await using var command = connection.CreateCommand(_script["Remove"], transaction).With("@stream_id", stream).With("@seq", 0L);
        foreach (var sequence in sequences)
        {
            command.Parameters[1].Value = sequence;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static byte[] WholeArray(ReadOnlyMemory<byte> data) =>
        MemoryMarshal.TryGetArray(data, out var segment) && segment.Offset == 0 && segment.Count == segment.Array!.Length
            ? segment.Array
            : data.ToArray();
}
