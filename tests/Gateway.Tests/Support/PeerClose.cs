using System.IO.Pipelines;

namespace Gateway.Tests.Support;

/// <summary>How the raw protocol clients of these tests see the broker hang up.</summary>
public static class PeerClose
{
    /// <summary>True once the broker has closed the connection (reads return end of stream, or the socket fails) within
    /// <paramref name="timeout"/>, reading and discarding whatever it still sends; false when it is still open.</summary>
    public static async Task<bool> ClosedByPeerAsync(this PipeReader input, TimeSpan timeout)
    {
        try
        {
            using var cancel = new CancellationTokenSource(timeout);
            while (true)
            {
                var result = await input.ReadAsync(cancel.Token);
                input.AdvanceTo(result.Buffer.End);
                if (result.IsCompleted)
                {
                    return true;
                }
            }
        }
        catch (OperationCanceledException)
        {
            return false;
        }
        catch (IOException)
        {
            return true;
        }
    }
}
