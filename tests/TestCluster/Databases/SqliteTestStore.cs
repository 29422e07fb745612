using Runtime.Storage.AdoNet;

namespace TestCluster.Databases;

/// <summary>
/// SQLite databases for one test: a temporary file, a new dialect per table or storage (as separate silos would have),
/// and everything deleted at the end.
/// </summary>
public sealed class SqliteTestStore : IAsyncDisposable
{
    private readonly List<SqliteDialect> _dialects = [];
    private readonly List<string> _paths = [];
    private string _path;

    public SqliteTestStore() => _path = NewPath();

    public IAdoNetDialect NewDialect()
    {
        var dialect = AdoNetStorage.ForSqlite(_path);
        _dialects.Add(dialect);
        return dialect;
    }

    /// <summary>Later dialects use a new, empty database file.</summary>
    public void UseEmptyDatabase() => _path = NewPath();

    public async ValueTask DisposeAsync()
    {
        foreach (var dialect in _dialects)
        {
            await dialect.DisposeAsync();
        }
        foreach (var path in _paths)
        {
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private string NewPath()
    {
        var path = Path.Combine(Path.GetTempPath(), $"broker-test-{Guid.NewGuid():N}.db");
        _paths.Add(path);
        return path;
    }
}
