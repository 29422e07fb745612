using System.IO.Pipelines;
using Runtime.Messaging;
using Runtime.Serialization;

namespace Runtime.Networking;

/// <summary>Reads and writes the connection preamble on a pipe.</summary>
internal static class Handshake
{
    public static async Task WriteAsync(PipeWriter output, ConnectionPreamble preamble, CancellationToken cancellationToken)
    {
        preamble.Write(output);
        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Reads the peer's preamble; throws <see cref="WireFormatException"/> on garbage and
    /// <see cref="ConnectionLostException"/> when the peer closes first.</summary>
    public static async Task<ConnectionPreamble> ReadAsync(PipeReader input, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            var buffer = result.Buffer;
            if (ConnectionPreamble.TryRead(ref buffer, out var preamble))
            {
                // Consumed the preamble only: bytes behind it (a first frame sent right away) are not examined yet,
                // so the connection's reader gets them without waiting for more data.
                input.AdvanceTo(buffer.Start);
                return preamble!;
            }
            input.AdvanceTo(buffer.Start, buffer.End);
            if (result.IsCompleted)
            {
                throw new ConnectionLostException("The peer closed the connection during the preamble exchange.");
            }
        }
    }
}
