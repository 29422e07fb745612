using Microsoft.Extensions.Logging;

namespace TestCluster;

/// <summary>One log line captured from a silo or client of the test cluster.</summary>
public sealed record TestLogRecord(string Category, LogLevel Level, string Message, Exception? Exception)
{
    public override string ToString() => $"{Level} {Category}: {Message}{(Exception is null ? "" : " " + Exception.GetType().Name + ": " + Exception.Message)}";
}
