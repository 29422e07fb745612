using System.Data.Common;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// The per-row journal statements of one group-commit transaction, each created (and prepared by the provider on its
/// first run) once per transaction and re-bound for every row of every batch, instead of a new command per batch.
/// Parameter positions are those of the <c>With</c> calls below.
/// </summary>
internal sealed class JournalStatements : IAsyncDisposable
{
    private readonly DbConnection _connection;
    private readonly DbTransaction _transaction;
    private readonly SqlScript _script;
    private readonly IAdoNetDialect _dialect;
    private DbCommand? _fenceEpoch;
    private DbCommand? _purge;
    private DbCommand? _append;
    private DbCommand? _highWater;
    private DbCommand? _setDeliveryCount;
    private DbCommand? _remove;

    public JournalStatements(DbConnection connection, DbTransaction transaction, SqlScript script, IAdoNetDialect dialect)
    {
        _connection = connection;
        _transaction = transaction;
        _script = script;
        _dialect = dialect;
    }

    /// <summary>@id.</summary>
    public DbCommand FenceEpoch => _fenceEpoch ??= Create("FenceEpoch").With("@id", string.Empty);

    /// <summary>@stream_id.</summary>
    public DbCommand Purge => _purge ??= Create("Purge").With("@stream_id", string.Empty);

    /// <summary>@stream_id, @seq, @count, @data.</summary>
    public DbCommand Append => _append ??= Create("Append")
        .With("@stream_id", string.Empty).With("@seq", 0L).With("@count", 0)
        .With(_dialect.CreateBlobParameter("@data", ReadOnlyMemory<byte>.Empty));

    /// <summary>@stream_id, @seq, @delivered.</summary>
    public DbCommand HighWater => _highWater ??= Create("HighWater").With("@stream_id", string.Empty).With("@seq", 0L).With("@delivered", 0L);

    /// <summary>@stream_id, @seq, @count.</summary>
    public DbCommand SetDeliveryCount => _setDeliveryCount ??= Create("SetDeliveryCount").With("@stream_id", string.Empty).With("@seq", 0L).With("@count", 0);

    /// <summary>@stream_id, @seq.</summary>
    public DbCommand Remove => _remove ??= Create("Remove").With("@stream_id", string.Empty).With("@seq", 0L);

    public async ValueTask DisposeAsync()
    {
        foreach (var command in new[] { _fenceEpoch, _purge, _append, _highWater, _setDeliveryCount, _remove })
        {
            if (command is not null)
            {
                await command.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    private DbCommand Create(string name) => _connection.CreateCommand(_script[name], _transaction);
}
