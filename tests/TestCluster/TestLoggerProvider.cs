using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace TestCluster;

/// <summary>
/// Captures everything the cluster logs at Information and above, so a test can fail when a silo logged an
/// unexpected error (MQTTnet's and Orleans' test harnesses do the same), and print the log when it fails.
/// </summary>
public sealed class TestLoggerProvider : ILoggerProvider
{
    private static readonly string? _echoPath = Environment.GetEnvironmentVariable("TEST_CLUSTER_LOG");
    private static readonly bool _echo = !string.IsNullOrEmpty(_echoPath);
    private static readonly Lock _echoLock = new();
    private readonly ConcurrentQueue<TestLogRecord> _records = new();

    public IReadOnlyCollection<TestLogRecord> Records => _records;

    public IEnumerable<TestLogRecord> Errors => _records.Where(r => r.Level >= LogLevel.Error);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(categoryName, _records);

    public void Dispose()
    {
    }

    private sealed class CapturingLogger(string category, ConcurrentQueue<TestLogRecord> records) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= (_echo ? LogLevel.Debug : LogLevel.Information);

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                var record = new TestLogRecord(category, logLevel, formatter(state, exception), exception);
                records.Enqueue(record);
                if (_echo)
                {
                    lock (_echoLock)
                    {
                        File.AppendAllText(_echoPath!, $"{DateTime.Now:HH:mm:ss.fff} {record}\n");
                    }
                }
            }
        }
    }
}
