using System.Globalization;

namespace Benchmarks.Queues;

/// <summary>The process's memory as the backlog and load rows report it.</summary>
public readonly record struct ProcessMemory(long RssBytes, long GcHeapBytes, long GcCommittedBytes)
{
    /// <summary>Now: resident set size (what the OS charges the process), and the GC heap as of the last collection
    /// (live objects plus fragmentation, without the garbage made since) and what the GC has committed.</summary>
    public static ProcessMemory Now()
    {
        var info = GC.GetGCMemoryInfo();
        return new ProcessMemory(Environment.WorkingSet, info.HeapSizeBytes, info.TotalCommittedBytes);
    }

    /// <summary>After a full blocking collection: the GC heap is then what is live.</summary>
    public static ProcessMemory AfterFullCollection()
    {
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return Now();
    }

    public static string Megabytes(long bytes) => (bytes / (1024.0 * 1024.0)).ToString("N0", CultureInfo.InvariantCulture);

    public override string ToString() =>
        $"RSS {Megabytes(RssBytes)} MB, GC heap {Megabytes(GcHeapBytes)} MB (committed {Megabytes(GcCommittedBytes)} MB)";
}
