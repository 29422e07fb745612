using Runtime.Storage.AdoNet;

namespace Grains.Tests.Infrastructure;

/// <summary>A temporary SQLite database file for one test; a new dialect per table or storage (as separate silos would
/// have); everything deleted at the end.</summary>
internal sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly List<SqliteDialect> _dialects = [];
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"grains-test-{Guid.NewGuid():N}.db");

    public IAdoNetDialect NewDialect()
    {
        var dialect = AdoNetStorage.ForSqlite(_path);
        _dialects.Add(dialect);
        return dialect;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var dialect in _dialects)
        {
            await dialect.DisposeAsync();
        }
        foreach (var file in new[] { _path, _path + "-wal", _path + "-shm" })
        {
            File.Delete(file);
        }
    }
}
