using System.Globalization;
using Npgsql;
using TestCluster;

namespace Cluster.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server of the test's own (as <c>test.sh</c> starts one: <c>initdb</c> in a temporary folder,
/// run as the system user <c>pgtest</c> when the tests run as root, a free loopback port), which the test may stop
/// (<c>pg_ctl stop -m immediate</c>, a crash of the database) and start again on the same port. <c>fsync</c> is off
/// (the machine does not crash) but <c>synchronous_commit</c> is on, so a committed transaction survives an immediate
/// stop: whatever the broker acknowledged after a commit must still be there when the server is back.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private const string RunAsUser = "pgtest";
    private static readonly TimeSpan _commandTimeout = TimeSpan.FromSeconds(90);
    private readonly string _bin;
    private readonly string _directory;
    private readonly string? _runAs;

    private PostgresServer(string bin, string directory, string? runAs)
    {
        _bin = bin;
        _directory = directory;
        _runAs = runAs;
    }

    public int Port { get; private set; }

    public string DataDirectory => Path.Combine(_directory, "data");

    public string LogPath => Path.Combine(_directory, "postgres.log");

    /// <summary>A connection string to <paramref name="database"/> on this server.</summary>
    public string ConnectionString(string database = "postgres") =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database={database};Maximum Pool Size=50;Timeout=5;Command Timeout=30";

    /// <summary>initdb and start on a free port (three tries: a port can be taken between choosing and binding).</summary>
    public static async Task<PostgresServer> StartNewAsync()
    {
        var bin = BinDirectory() ?? throw new InvalidOperationException(
            "No PostgreSQL server under /usr/lib/postgresql/*/bin: apt-get install postgresql (./test.sh installs it).");
        string? runAs = null;
        if (Environment.UserName == "root")
        {
            runAs = RunAsUser;
            var exists = await Command.RunAsync("getent", ["passwd", RunAsUser], _commandTimeout).ConfigureAwait(false);
            if (exists.ExitCode != 0)
            {
                await Command.RunCheckedAsync("useradd", ["--system", "--no-create-home", "--home-dir", "/nonexistent", "--shell", "/usr/sbin/nologin", RunAsUser],
                    _commandTimeout).ConfigureAwait(false);
            }
        }
        // /tmp is traversable by everyone, so the pgtest user reaches the folder.
        var directory = Directory.CreateTempSubdirectory("cluster-tests-pg-").FullName;
        var server = new PostgresServer(bin, directory, runAs);
        try
        {
            if (runAs is not null)
            {
                await Command.RunCheckedAsync("chown", [runAs, directory], _commandTimeout).ConfigureAwait(false);
            }
            await Command.RunCheckedAsync("chmod", ["700", directory], _commandTimeout).ConfigureAwait(false);
            await server.RunAsPgAsync(Path.Combine(bin, "initdb"), ["-D", server.DataDirectory, "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-locale", "--no-sync"])
                .ConfigureAwait(false);
            await server.RunAsPgAsync("mkdir", ["-p", Path.Combine(directory, "sock")]).ConfigureAwait(false);
            Exception? last = null;
            for (var attempt = 0; attempt < 3; attempt++)
            {
                server.Port = BrokerProcess.FreePort();
                try
                {
                    await server.StartAsync().ConfigureAwait(false);
                    return server;
                }
                catch (InvalidOperationException ex)
                {
                    last = ex;
                    await server.StopImmediateAsync(throwOnError: false).ConfigureAwait(false);
                }
            }
            throw new InvalidOperationException("PostgreSQL did not start.", last);
        }
        catch
        {
            await server.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Starts the server on <see cref="Port"/> (again, after <see cref="StopImmediateAsync"/>) and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var options = string.Create(CultureInfo.InvariantCulture,
            $"-c listen_addresses=127.0.0.1 -p {Port} -k {Path.Combine(_directory, "sock")} -c fsync=off -c synchronous_commit=on -c full_page_writes=off -c max_connections=300");
        await RunAsPgAsync(Path.Combine(_bin, "pg_ctl"), ["start", "-D", DataDirectory, "-w", "-t", "60", "-l", LogPath, "-o", options]).ConfigureAwait(false);
    }

    /// <summary><c>pg_ctl stop -m immediate</c>: every backend is killed at once, as in a crash of the database server.</summary>
    public async Task StopImmediateAsync(bool throwOnError = true)
    {
        try
        {
            await RunAsPgAsync(Path.Combine(_bin, "pg_ctl"), ["stop", "-D", DataDirectory, "-m", "immediate", "-w", "-t", "30"]).ConfigureAwait(false);
        }
        catch (Exception) when (!throwOnError)
        {
        }
    }

    public async Task ExecuteAsync(string sql, string database = "postgres")
    {
        await using var connection = new NpgsqlConnection(ConnectionString(database));
        await connection.OpenAsync().ConfigureAwait(false);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync().ConfigureAwait(false);
    }

    /// <summary>The last lines of the server's log, for failure messages.</summary>
    public string LogTail(int lines = 30)
    {
        try
        {
            return string.Join('\n', File.ReadLines(LogPath).TakeLast(lines));
        }
        catch (IOException)
        {
            return "(no postgres.log)";
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid")))
        {
            await StopImmediateAsync(throwOnError: false).ConfigureAwait(false);
            if (File.Exists(Path.Combine(DataDirectory, "postmaster.pid"))
                && int.TryParse(File.ReadLines(Path.Combine(DataDirectory, "postmaster.pid")).FirstOrDefault(), out var pid))
            {
                await Command.RunAsync("kill", ["-KILL", pid.ToString(CultureInfo.InvariantCulture)], _commandTimeout).ConfigureAwait(false);
            }
        }
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private Task<string> RunAsPgAsync(string file, string[] args) => _runAs is null
        ? Command.RunCheckedAsync(file, args, _commandTimeout, _directory)
        : Command.RunCheckedAsync("runuser", ["-u", _runAs, "--", file, .. args], _commandTimeout, "/");

    private static string? BinDirectory()
    {
        if (!Directory.Exists("/usr/lib/postgresql"))
        {
            return null;
        }
        return Directory.GetDirectories("/usr/lib/postgresql")
            .Select(d => (Dir: Path.Combine(d, "bin"), Version: int.TryParse(Path.GetFileName(d).Split('.')[0], out var v) ? v : 0))
            .Where(x => File.Exists(Path.Combine(x.Dir, "initdb")))
            .OrderByDescending(x => x.Version)
            .Select(x => x.Dir)
            .FirstOrDefault();
    }
}
