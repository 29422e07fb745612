using System.Diagnostics;

namespace TestCluster;

/// <summary>The one bounded polling helper for tests: no bare sleeps (NATS' checkFor).</summary>
public static class Wait
{
    /// <summary>Polls <paramref name="condition"/> until it holds; throws <see cref="TimeoutException"/> with
    /// <paramref name="what"/> after <paramref name="timeout"/>. Returns how long it took.</summary>
    public static async Task<TimeSpan> UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var watch = Stopwatch.StartNew();
        Exception? last = null;
        while (watch.Elapsed < timeout)
        {
            try
            {
                if (await condition().ConfigureAwait(false))
                {
                    return watch.Elapsed;
                }
            }
            catch (Exception ex)
            {
                last = ex;
            }
            await Task.Delay(25).ConfigureAwait(false);
        }
        throw new TimeoutException($"Timed out after {timeout} waiting for {what}.", last);
    }

    public static Task<TimeSpan> UntilAsync(Func<bool> condition, TimeSpan timeout, string what) =>
        UntilAsync(() => Task.FromResult(condition()), timeout, what);
}
