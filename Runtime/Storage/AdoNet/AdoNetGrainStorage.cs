using System.Data.Common;
using Runtime.Identity;

namespace Runtime.Storage.AdoNet;

/// <summary>
/// <see cref="IGrainStorage"/> on a relational database (table <c>grain_state</c>, SQL in
/// <c>Sql/{dialect}-GrainState.sql</c>). Every operation is one statement in its own (auto-commit) transaction:
/// ownership is an upsert <c>epoch = epoch + 1 RETURNING epoch, version, data</c>, and writes are
/// <c>UPDATE ... WHERE grain_id = @grain_id AND epoch = @epoch</c>, successful only when exactly one row changed.
/// This is the fencing check that Orleans' ADO.NET persistence does with its version column, except that the token is
/// bumped by activation rather than by write, so a stale activation fails on its first write after a takeover.
/// </summary>
public sealed class AdoNetGrainStorage : IGrainStorage
{
    private readonly IAdoNetDialect _dialect;
    private readonly SqlScript _script;
    private readonly string _takeOwnership;
    private readonly string _writeState;
    private readonly string _clearState;

    /// <param name="dialect">The database; shared with other tables, owned (disposed) by the caller.</param>
    public AdoNetGrainStorage(IAdoNetDialect dialect)
    {
        _dialect = dialect ?? throw new ArgumentNullException(nameof(dialect));
        _script = SqlScript.Load(dialect.Name, "GrainState");
        _takeOwnership = _script["TakeOwnership"];
        _writeState = _script["WriteState"];
        _clearState = _script["ClearState"];
    }

    public Task InitializeAsync(CancellationToken cancellationToken = default) =>
        SchemaMigrator.MigrateAsync(_dialect, _script, cancellationToken);

    public async Task<GrainOwnership> TakeOwnershipAsync(GrainId grainId, string owner, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(owner);
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_takeOwnership)
            .With("@grain_id", grainId.ToString())
            .With("@owner", owner);
        // The reader is disposed (statement finished, auto-commit done) before the result is returned.
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"Taking ownership of {grainId} returned no row.");
        }
        return new GrainOwnership(
            reader.GetInt64(0),
            reader.GetInt64(1),
            await reader.IsDBNullAsync(2, cancellationToken).ConfigureAwait(false) ? null : reader.GetFieldValue<byte[]>(2));
    }

    public async Task<bool> WriteStateAsync(GrainId grainId, long epoch, ReadOnlyMemory<byte> state, CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_writeState)
            .With("@grain_id", grainId.ToString())
            .With("@epoch", epoch)
            .With(_dialect.CreateBlobParameter("@data", state));
        return await ExecuteFencedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    public async Task<bool> ClearStateAsync(GrainId grainId, long epoch, CancellationToken cancellationToken = default)
    {
        await using var lease = await _dialect.OpenAsync(write: true, cancellationToken).ConfigureAwait(false);
        await using var command = lease.Connection.CreateCommand(_clearState)
            .With("@grain_id", grainId.ToString())
            .With("@epoch", epoch);
        return await ExecuteFencedAsync(command, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>0 rows = the epoch moved on (or the grain was never owned): the caller is stale.</summary>
    private static async Task<bool> ExecuteFencedAsync(DbCommand command, CancellationToken cancellationToken) =>
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
}
