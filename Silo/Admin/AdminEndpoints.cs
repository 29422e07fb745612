using Silo.Hosting;

namespace Silo.Admin;

/// <summary>The admin HTTP API: health for probes and a status document for people.</summary>
public static class AdminEndpoints
{
    /// <summary>
    /// <c>GET /healthz</c>: 200 "ok" while the silo is an active member of the cluster, 503 with the reason otherwise
    /// (starting, stopping, stopped). <c>GET /status</c>: the silo's identity, membership view and activation count.
    /// </summary>
    public static IEndpointRouteBuilder MapAdminEndpoints(this IEndpointRouteBuilder endpoints, SiloHostedService host)
    {
        endpoints.MapGet("/healthz", () =>
        {
            var silo = host.Silo;
            return silo is { IsActive: true }
                ? Results.Text("ok\n")
                : Results.Text(silo is null ? "starting\n" : "not active\n", statusCode: StatusCodes.Status503ServiceUnavailable);
        });
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
