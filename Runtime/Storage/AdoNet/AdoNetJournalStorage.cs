using System.Data.Common;
using System.Runtime.InteropServices;
using System.Text.Json;
using Runtime.Identity;
using Runtime.Storage.Journal;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// <see cref="IJournalStorage"/> on a relational database (table <c>journal</c>, SQL in <c>Sql/{dialect}-Journal.sql</c>).
/// One group commit = one transaction: read the epochs of every stream in the group (PostgreSQL locks those
/// grain_state rows FOR SHARE; SQLite holds the file's write lock from BEGIN IMMEDIATE), then apply only the batches
/// whose epoch matches.
/// <list type="bullet">
/// <item>A dialect with whole-group statements (<c>AppendAll</c>, ...; PostgreSQL) whose provider supports
/// <see cref="DbBatch"/> sends the fence and one statement per operation for the whole group as one batch: one round
/// trip, committed as one implicit transaction (a group with a purge goes the per-batch way below).</item>
/// <item>Otherwise one transaction with, per batch, array statements (<c>AppendMany</c>, ...) or, without them
/// (SQLite), per-row statements prepared once per transaction and re-bound for every row.</item>
/// </list>
/// </summary>
public sealed class AdoNetJournalStorage : IJournalStorage
{
    private readonly IAdoNetDialect _dialect;
    private readonly SqlScript _script;
    private readonly bool _bulk;
    private readonly bool _wholeGroup;

    public AdoNetJournalStorage(IAdoNetDialect dialect)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _script = SqlScript.Load(dialect.Name, "Journal");
        _bulk = _script.Find("AppendMany") is not null;
        _wholeGroup = _script.Find("AppendAll") is not null;
    }

    /// <summary>Creates the journal tables (grain_state must exist too: initialize the grain storage first).</summary>
    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(_dialect, _script, cancellationToken);

    public async Task<bool[]> CommitAsync(IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken = default)
    {
        if (batches.Count == 0)
        {
            return [];
        }
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        var connection = lease.Connection;
        if (_wholeGroup && connection.CanCreateBatch && !batches.Any(b => b.Purge))
        {
            return await CommitGroupAsync(connection, batches, cancellationToken).ConfigureAwait(false);
        }
        var applied = new bool[batches.Count];
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using var statements = new JournalStatements(connection, transaction, _script, _dialect);
        var epochs = await ReadEpochsAsync(connection, transaction, statements, batches, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < batches.Count; i++)
        {
            var batch = batches[i];
            if (!epochs.TryGetValue(batch.Stream.ToString(), out var epoch) || epoch != batch.Epoch)
            {
                continue; // fenced: a newer activation owns this grain
            }
            await ApplyAsync(connection, transaction, statements, batch, cancellationToken).ConfigureAwait(false);
            applied[i] = true;
        }
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return applied;
    }

    /// <summary>
    /// The whole group in one <see cref="DbBatch"/>: FenceEpochs, then AppendAll, HighWaterAll, SetDeliveryCountAll and
    /// RemoveAll over every batch's rows (each row joined on its batch's epoch, so fenced batches write nothing). Without
    /// an explicit transaction the provider runs the batch as one implicit transaction, committed before its last
    /// result arrives; every result is read, so a failure anywhere (commit included) throws here.
    /// </summary>
    private async Task<bool[]> CommitGroupAsync(DbConnection connection, IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var appends = new JournalGroupRows();
        var datas = new List<byte[]>();
        var marks = new JournalGroupRows();
        var delivered = new List<long>();
        var counts = new JournalGroupRows();
        var removes = new JournalGroupRows();
        foreach (var batch in batches)
        {
            var stream = batch.Stream.ToString();
            ids.Add(stream);
            var high = 0L;
            foreach (var entry in batch.Appends)
            {
                appends.Add(stream, batch.Epoch, entry.Sequence, entry.DeliveryCount);
                datas.Add(WholeArray(entry.Data));
                high = Math.Max(high, entry.Sequence);
            }
            if (batch.Appends.Count > 0 || batch.DeliveredThrough > 0)
            {
                marks.Add(stream, batch.Epoch, high, 0);
                delivered.Add(Math.Max(0, batch.DeliveredThrough));
            }
            foreach (var (sequence, count) in batch.DeliveryCounts)
            {
                counts.Add(stream, batch.Epoch, sequence, count);
            }
            foreach (var sequence in batch.Removes)
            {
                removes.Add(stream, batch.Epoch, sequence);
            }
        }

        await using var group = connection.CreateBatch();
        Add(group, "FenceEpochs").With("@ids", ids.ToArray());
        if (appends.Count > 0)
        {
            appends.Bind(Add(group, "AppendAll")).With("@counts", appends.Counts.ToArray()).With("@datas", datas.ToArray());
        }
        if (marks.Count > 0)
        {
            marks.Bind(Add(group, "HighWaterAll")).With("@delivered", delivered.ToArray());
        }
        if (counts.Count > 0)
        {
            counts.Bind(Add(group, "SetDeliveryCountAll")).With("@counts", counts.Counts.ToArray());
        }
        if (removes.Count > 0)
        {
            removes.Bind(Add(group, "RemoveAll"));
        }

        var epochs = new Dictionary<string, long>(ids.Count, StringComparer.Ordinal);
        await using (var reader = await group.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                epochs[reader.GetString(0)] = reader.GetInt64(1);
            }
            while (await reader.NextResultAsync(cancellationToken).ConfigureAwait(false))
            {
            }
        }
        var applied = new bool[batches.Count];
        for (var i = 0; i < batches.Count; i++)
        {
            applied[i] = epochs.TryGetValue(batches[i].Stream.ToString(), out var epoch) && epoch == batches[i].Epoch;
        }
        return applied;
    }

    private DbBatchCommand Add(DbBatch group, string query)
    {
        var command = group.CreateBatchCommand();
        command.CommandText = _script[query];
        group.BatchCommands.Add(command);
        return command;
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
        return new JournalSummary(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    private async Task<Dictionary<string, long>> ReadEpochsAsync(DbConnection connection, DbTransaction transaction,
        JournalStatements statements, IReadOnlyList<JournalBatch> batches, CancellationToken cancellationToken)
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
        if (_script.Find("FenceEpochsJson") is { } json)
        {
            // One statement for the whole group: the ids as one JSON array text, which the dialect's SQL unpacks.
            await using var command = connection.CreateCommand(json, transaction).With("@ids", JsonSerializer.Serialize(ids));
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                epochs[reader.GetString(0)] = reader.GetInt64(1);
            }
            return epochs;
        }
        var single = statements.FenceEpoch;
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

    private async Task ApplyAsync(DbConnection connection, DbTransaction transaction, JournalStatements statements, JournalBatch batch,
        CancellationToken cancellationToken)
    {
        var stream = batch.Stream.ToString();
        if (batch.Purge)
        {
            var purge = statements.Purge;
            purge.Parameters[0].Value = stream;
            await purge.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        var high = 0L;
        if (batch.Appends.Count > 0)
        {
            await AppendAsync(connection, transaction, statements, stream, batch.Appends, cancellationToken).ConfigureAwait(false);
            foreach (var entry in batch.Appends)
            {
                high = Math.Max(high, entry.Sequence);
            }
        }
        if (batch.Appends.Count > 0 || batch.DeliveredThrough > 0)
        {
            var highWater = statements.HighWater;
            highWater.Parameters[0].Value = stream;
            highWater.Parameters[1].Value = high;
            highWater.Parameters[2].Value = Math.Max(0, batch.DeliveredThrough);
            await highWater.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        if (batch.DeliveryCounts.Count > 0)
        {
            await SetDeliveryCountsAsync(connection, transaction, statements, stream, batch.DeliveryCounts, cancellationToken).ConfigureAwait(false);
        }
        if (batch.Removes.Count > 0)
        {
            await RemoveAsync(connection, transaction, statements, stream, batch.Removes, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task AppendAsync(DbConnection connection, DbTransaction transaction, JournalStatements statements, string stream,
        List<JournalEntry> entries, CancellationToken cancellationToken)
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
        var command = statements.Append;
        command.Parameters[0].Value = stream;
        foreach (var entry in entries)
        {
            command.Parameters[1].Value = entry.Sequence;
            command.Parameters[2].Value = entry.DeliveryCount;
            command.Parameters[3].Value = WholeArray(entry.Data);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SetDeliveryCountsAsync(DbConnection connection, DbTransaction transaction, JournalStatements statements, string stream,
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
        var command = statements.SetDeliveryCount;
        command.Parameters[0].Value = stream;
        foreach (var (sequence, count) in updates)
        {
            command.Parameters[1].Value = sequence;
            command.Parameters[2].Value = count;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task RemoveAsync(DbConnection connection, DbTransaction transaction, JournalStatements statements, string stream,
        List<long> sequences, CancellationToken cancellationToken)
    {
        if (_bulk)
        {
            await using var many = connection.CreateCommand(_script["RemoveMany"], transaction)
                .With("@stream_id", stream).With("@seqs", sequences.ToArray());
            await many.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        var command = statements.Remove;
        command.Parameters[0].Value = stream;
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
