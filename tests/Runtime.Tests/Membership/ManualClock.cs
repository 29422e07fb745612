namespace Runtime.Tests.Membership;

/// <summary>A <see cref="TimeProvider"/> that moves only when told to.</summary>
internal sealed class ManualClock : TimeProvider
{
    private long _utcTicks;

    public ManualClock(DateTimeOffset start) => _utcTicks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _utcTicks), TimeSpan.Zero);

    public void Advance(TimeSpan by) => Interlocked.Add(ref _utcTicks, by.Ticks);
}
