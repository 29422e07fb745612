using System.Diagnostics;
using Benchmarks.Runtime.Grains;
using Runtime.Core;

namespace Benchmarks.Runtime;

/// <summary>
/// Runs a scenario: its callers (one loop each, awaiting one call at a time) call for the warm-up, then again for
/// the measured duration with every latency recorded. Each phase ends at a <see cref="Stopwatch"/> deadline that the
/// callers check before each call, or when a caller's share of the call bound is used up.
/// </summary>
public static class CallLoadRunner
{
    public static async Task<CallMeasurement> RunAsync(CallScenario scenario, GrainCallOptions options)
    {
        var callers = scenario.Callers;
        var perCaller = Math.Max(1, options.MaxCalls / callers);

        await RunPhaseAsync(scenario.Targets, CreateRecorders(callers, perCaller, keepLatencies: false), options.Warmup).ConfigureAwait(false);

        // Latency buffers first, then a full collection, so the measured phase starts with a clean heap and counts
        // only what the calls allocate.
        var recorders = CreateRecorders(callers, perCaller, keepLatencies: true);
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var gen0 = GC.CollectionCount(0);
        var gen1 = GC.CollectionCount(1);
        var gen2 = GC.CollectionCount(2);
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);

        var elapsed = await RunPhaseAsync(scenario.Targets, recorders, options.Duration).ConfigureAwait(false);

        var allocatedDelta = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        var pauseDelta = GC.GetTotalPauseDuration() - pause;
        return CallMeasurement.From(scenario, recorders, elapsed, allocatedDelta,
            GC.CollectionCount(0) - gen0, GC.CollectionCount(1) - gen1, GC.CollectionCount(2) - gen2, pauseDelta);
    }

    private static CallerRecorder[] CreateRecorders(int callers, int perCaller, bool keepLatencies)
    {
        var recorders = new CallerRecorder[callers];
        for (var i = 0; i < callers; i++)
        {
            recorders[i] = new CallerRecorder(perCaller, keepLatencies);
        }
        return recorders;
    }

    /// <summary>Runs every caller until the deadline; returns the time from the start until the last call ended.</summary>
    private static async Task<TimeSpan> RunPhaseAsync(GrainReference[] targets, CallerRecorder[] recorders, TimeSpan duration)
    {
        var start = Stopwatch.GetTimestamp();
        var deadline = start + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = new Task[targets.Length];
        for (var i = 0; i < targets.Length; i++)
        {
            var target = targets[i];
            var recorder = recorders[i];
            loops[i] = Task.Run(() => CallLoopAsync(target, recorder, deadline));
        }
        await Task.WhenAll(loops).ConfigureAwait(false);
        return Stopwatch.GetElapsedTime(start);
    }

    private static async Task CallLoopAsync(GrainReference grain, CallerRecorder recorder, long deadline)
    {
        long n = 0;
        while (!recorder.IsFull)
        {
            var start = Stopwatch.GetTimestamp();
            if (start >= deadline)
            {
                return;
            }
            try
            {
                var reply = await grain.CallAsync(new Ping(n)).ConfigureAwait(false);
                var end = Stopwatch.GetTimestamp();
                if (reply.Value == n)
                {
                    recorder.Record(end - start);
                }
                else
                {
                    recorder.Fail($"{grain} answered Ping({n}) with {reply.Value}.");
                }
            }
            catch (Exception ex)
            {
                recorder.Fail($"{ex.GetType().Name}: {ex.Message}");
            }
            n++;
        }
    }
}
