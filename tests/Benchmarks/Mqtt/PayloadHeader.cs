namespace Benchmarks.Mqtt;

/// <summary>The decoded <see cref="BenchPayload"/> header of one received message.</summary>
/// <param name="Phase">The measured phase the message belongs to.</param>
/// <param name="Publisher">Index of the publisher within the phase (0-based).</param>
/// <param name="Sequence">The publisher's message number (0-based, no gaps).</param>
/// <param name="Sent">Stopwatch ticks just before the PUBLISH was handed to the socket writer.</param>
/// <param name="Scheduled">Stopwatch ticks at which a fixed-rate publisher was due to send it (= Sent when not paced).</param>
public readonly record struct PayloadHeader(int Phase, int Publisher, long Sequence, long Sent, long Scheduled);
