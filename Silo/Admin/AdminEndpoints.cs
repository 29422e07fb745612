using Silo.Hosting;

namespace Silo.Admin;

/// <summary>The admin HTTP API: health for probes and a status document for people.</summary>
public static class AdminEndpoints
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 "ok" while the silo is an active member of the cluster whose database accepted its last
    /// heartbeats, 503 with the reason otherwise (starting, stopping, stopped, database unreachable for more than three
    /// heartbeat periods - then it confirms nothing and a load balancer should send clients elsewhere). <c>GET /status</c>: the silo's identity, membership view and activation count.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints, SiloHostedService host)
    {
        endpoints.MapGet("/healthz", () =>
        {
            var silo = host.Silo;
            if (silo is not { IsActive: true })
            {
                return Results.Text(silo is null ? "starting\n" : "not active\n", statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var silence = silo.SinceTableContact;
            var limit = host.Settings.Silo.Membership.IAmAlivePeriod * 3;
            return silence > limit
                ? Results.Text(FormattableString.Invariant($"database unreachable: no answer for {silence.TotalSeconds:0.0} s\n"),
                    statusCode: StatusCodes.Status503ServiceUnavailable)
                : Results.Text(FormattableString.Invariant($"ok (database answered {silence.TotalSeconds:0.0} s ago)\n"));
        });
        // Liveness: the process serves and its silo has not stopped. A database outage makes /healthz fail (readiness),
        // not this: restarting a silo does not bring the database back, and it rides the outage out.
        endpoints.MapGet("/livez", () => host.Silo is { Stopped.IsCompleted: true }
            ? Results.Text("stopped\n", statusCode: StatusCodes.Status503ServiceUnavailable)
            : Results.Text("alive\n"));
        endpoints.MapGet("/status", () =>
        {
            var silo = host.Silo;
            if (silo is null)
            {
                return Results.Json(new SiloStatusDocument("starting", null, null, -1, [], 0), AdminJsonContext.Default.SiloStatusDocument,
                    statusCode: StatusCodes.Status503ServiceUnavailable);
            }
            var view = silo.Membership.Current;
            return Results.Json(new SiloStatusDocument(
                silo.IsActive ? "active" : "not active",
                silo.Name,
                silo.Address.ToString(),
                view.Version,
                [.. view.ActiveSilos.Select(s => s.ToString())],
                silo.ActivationCount), AdminJsonContext.Default.SiloStatusDocument);
        });
        return endpoints;
    }
}
