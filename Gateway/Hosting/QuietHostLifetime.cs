namespace Gateway.Hosting;

/// <summary>The lifetime of a listener's inner Kestrel host: no console handling and no messages of its own (the outer
/// host owns Ctrl-C and SIGTERM and stops the listeners).</summary>
internal sealed class QuietHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
