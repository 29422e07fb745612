using System.Diagnostics;
using System.Globalization;

namespace Benchmarks.Mqtt;

/// <summary>The end of a measured phase, shared by the workloads: waiting for the subscribers to catch up, and turning
/// publishers' expectations and subscribers' trackers into a <see cref="WorkloadResult"/>.</summary>
public static class PhaseMeasurement
{
    /// <summary>
    /// Waits until every tracker has received as many distinct messages from each publisher as that publisher expects,
    /// or nothing new arrived for <paramref name="idle"/>, or <paramref name="timeout"/> passed. True when complete.
    /// <paramref name="routes"/> (tracker index, publisher index) says which publishers a tracker's subscriber hears;
    /// null: all of them.
    /// </summary>
    public static async Task<bool> WaitForDeliveryAsync(IReadOnlyList<LoadPublisher> publishers, IReadOnlyList<DeliveryTracker> trackers,
        TimeSpan timeout, TimeSpan idle, Func<int, int, bool>? routes = null)
    {
        var elapsed = Stopwatch.StartNew();
        var lastProgress = elapsed.Elapsed;
        long lastReceived = -1;
        while (true)
        {
            var complete = true;
            long received = 0;
            for (var t = 0; t < trackers.Count; t++)
            {
                var tracker = trackers[t];
                received += tracker.Received;
                foreach (var publisher in publishers)
                {
                    if (routes is null || routes(t, publisher.Index))
                    {
                        complete &= tracker.ReceivedFrom(publisher.Index).Count >= publisher.Expected.Count;
                    }
                }
            }
            if (complete)
            {
                return true;
            }
            if (received != lastReceived)
            {
                lastReceived = received;
                lastProgress = elapsed.Elapsed;
            }
            if (elapsed.Elapsed > timeout || elapsed.Elapsed - lastProgress > idle)
            {
                return false;
            }
            await Task.Delay(10).ConfigureAwait(false);
        }
    }

    /// <summary>The figures of a phase that started publishing at <paramref name="start"/> and stopped at
    /// <paramref name="publishEnd"/> (Stopwatch ticks). <paramref name="routes"/> as in <see cref="WaitForDeliveryAsync"/>.</summary>
    public static WorkloadResult Measure(string workload, string title, IReadOnlyList<LoadPublisher> publishers,
        IReadOnlyList<DeliveryTracker> trackers, bool acknowledged, long start, long publishEnd, ResourceWindow resources, string? error,
        Func<int, int, bool>? routes = null)
    {
        long published = 0;
        long confirmed = 0;
        foreach (var publisher in publishers)
        {
            published += publisher.Sent;
            confirmed += publisher.Expected.Count;
        }
        long expected = 0;
        long received = 0;
        long lost = 0;
        long duplicates = 0;
        long duplicatesWithoutFlag = 0;
        long foreign = 0;
        long lastArrival = start;
        var latency = new LatencyHistogram();
        for (var t = 0; t < trackers.Count; t++)
        {
            var tracker = trackers[t];
            received += tracker.Received;
            duplicates += tracker.Duplicates;
            duplicatesWithoutFlag += tracker.DuplicatesWithoutDupFlag;
            foreign += tracker.Foreign;
            lastArrival = Math.Max(lastArrival, tracker.LastArrival);
            latency.Merge(tracker.Latency);
            foreach (var publisher in publishers)
            {
                if (routes is null || routes(t, publisher.Index))
                {
                    expected += publisher.Expected.Count;
                    lost += publisher.Expected.CountNotIn(tracker.ReceivedFrom(publisher.Index));
                }
            }
        }
        var publishSeconds = Stopwatch.GetElapsedTime(start, publishEnd).TotalSeconds;
        var receiveSeconds = Stopwatch.GetElapsedTime(start, lastArrival).TotalSeconds;
        var result = new WorkloadResult
        {
            Workload = workload,
            Title = title,
            Published = published,
            Acknowledged = acknowledged ? confirmed : null,
            InRate = publishSeconds > 0 ? (acknowledged ? confirmed : published) / publishSeconds : 0,
            Received = received,
            OutRate = receiveSeconds > 0 ? received / receiveSeconds : 0,
            Latency = latency,
            Expected = expected,
            Lost = lost,
            Duplicates = duplicates,
            PeakRssBytes = resources.PeakResidentBytes,
            BrokerCpuSeconds = resources.BrokerCpuSeconds,
            OwnCpuSeconds = resources.OwnCpuSeconds,
            OtherCpuSeconds = resources.OtherCpuSeconds,
            Elapsed = resources.Elapsed,
            Error = error,
        };
        result.Extra["publish_s"] = publishSeconds.ToString("F2", CultureInfo.InvariantCulture);
        result.Extra["receive_s"] = receiveSeconds.ToString("F2", CultureInfo.InvariantCulture);
        if (duplicates > 0)
        {
            result.Extra["dup_without_dup_flag"] = duplicatesWithoutFlag.ToString(CultureInfo.InvariantCulture);
        }
        if (foreign > 0)
        {
            result.Extra["foreign"] = foreign.ToString(CultureInfo.InvariantCulture);
        }
        return result;
    }

    /// <summary>Why clients' connections ended during the phase, or null when all are still up.</summary>
    public static string? ConnectionErrors(IEnumerable<LoadClient> clients)
    {
        var errors = clients.Where(c => c.Closed.IsCompleted).Select(c => $"{c.ClientId}: {c.CloseReason ?? "closed"}").Take(3).ToList();
        return errors.Count == 0 ? null : string.Join("; ", errors);
    }
}
