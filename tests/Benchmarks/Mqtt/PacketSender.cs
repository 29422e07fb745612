using System.Buffers;
using System.Diagnostics;
using Gateway.Mqtt.Codec;

namespace Benchmarks.Mqtt;

/// <summary>
/// The write side of a <see cref="LoadClient"/>: packets are encoded at once into a pending buffer, and one loop writes
/// whatever has accumulated with a single socket write (so a publisher's burst goes out in few syscalls, like any
/// buffered client). <see cref="WaitForRoomAsync"/> is the backpressure: past <see cref="HighWater"/> bytes pending,
/// the caller waits until the loop has taken the buffer.
/// </summary>
public sealed class PacketSender
{
    public const int HighWater = 128 * 1024;

    private readonly Stream _stream;
    private readonly MqttProtocolVersion _version;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0);
    private ArrayBufferWriter<byte> _pending = new(4096);
    private ArrayBufferWriter<byte> _writing = new(4096);
    private bool _signalled;
    private bool _closed;
    private TaskCompletionSource? _room;

    public PacketSender(Stream stream, MqttProtocolVersion version)
    {
        _stream = stream;
        _version = version;
    }

    /// <summary>Encodes <paramref name="packet"/> into the pending buffer (synchronously: the packet object and its
    /// payload can be reused as soon as this returns). Ignored once closed.</summary>
    public void Send(MqttPacket packet)
    {
        bool wake;
        lock (_lock)
        {
            if (_closed)
            {
                return;
            }
            MqttPacketWriter.Write(packet, _pending, _version);
            wake = !_signalled;
            _signalled = true;
        }
        if (wake)
        {
            _signal.Release();
        }
    }

    /// <summary>Completes at once unless more than <see cref="HighWater"/> bytes wait to be written.</summary>
    public ValueTask WaitForRoomAsync()
    {
        lock (_lock)
        {
            if (_closed || _pending.WrittenCount < HighWater)
            {
                return ValueTask.CompletedTask;
            }
            _room ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return new ValueTask(_room.Task);
        }
    }

    /// <summary>The write loop; ends when <paramref name="cancellationToken"/> is cancelled or a write fails.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        try
        {
            while (true)
            {
                await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
                TaskCompletionSource? room;
                lock (_lock)
                {
                    (_pending, _writing) = (_writing, _pending);
                    _signalled = false;
                    room = _room;
                    _room = null;
                }
                room?.TrySetResult();
                if (_writing.WrittenCount > 0)
                {
                    await _stream.WriteAsync(_writing.WrittenMemory, cancellationToken).ConfigureAwait(false);
                    _writing.ResetWrittenCount();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        finally
        {
            Close();
        }
    }

    /// <summary>Stops accepting packets and releases anyone waiting for room.</summary>
    public void Close()
    {
        TaskCompletionSource? room;
        lock (_lock)
        {
            _closed = true;
            room = _room;
            _room = null;
        }
        room?.TrySetResult();
    }

    /// <summary>Waits until everything sent so far has been handed to the socket (bounded by <paramref name="timeout"/>).</summary>
    public async Task FlushAsync(TimeSpan timeout)
    {
        var elapsed = Stopwatch.StartNew();
        while (elapsed.Elapsed < timeout)
        {
            lock (_lock)
            {
                if (_closed || (!_signalled && _pending.WrittenCount == 0 && _writing.WrittenCount == 0))
                {
                    return;
                }
            }
            await Task.Delay(1).ConfigureAwait(false);
        }
    }
}
