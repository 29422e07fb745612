using Microsoft.Extensions.Hosting;

namespace Runtime.Hosting;

/// <summary>
/// The lifetime of the Kestrel host a silo runs its ports on: it reacts to no console signal. The process that hosts
/// the silo decides when it stops (so Ctrl-C runs the silo's graceful stop, not a bare Kestrel shutdown).
/// </summary>
internal sealed class EmbeddedHostLifetime : IHostLifetime
{
    public Task WaitForStartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
