using System.IO.Pipelines;

namespace Runtime.Networking;

/// <summary>A pipe pair over a stream (the dialing side; the listening side gets Kestrel's).</summary>
internal sealed class StreamDuplexPipe : IDuplexPipe
{
    public StreamDuplexPipe(Stream stream)
    {
        Input = PipeReader.Create(stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, leaveOpen: true));
        Output = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: false));
    }

    public PipeReader Input { get; }

    public PipeWriter Output { get; }
}
