using Grains.Interfaces.Users;
using Silo.Hosting;

namespace Silo.Admin;

/// <summary>
/// User management on the admin HTTP API (bound to loopback by default): <c>PUT /users/{name}</c> with the password as
/// the request body sets a user (salted PBKDF2 hash stored, never the password), <c>DELETE /users/{name}</c> removes
/// it, <c>GET /users</c> lists names. MQTT and AMQP check credentials against this store.
/// <c>PUT /users/{name}/permissions</c> sets the user's topic permissions from lines <c>publish FILTER</c> and
/// <c>subscribe FILTER</c> (an action with no line stays unrestricted; <c>publish -</c> forbids publishing; an empty
/// body lifts every restriction); <c>GET</c> on the same path shows them in that format.
/// </summary>
public static class UserEndpoints
{
    public static IEndpointRouteBuilder MapUserEndpoints(this IEndpointRouteBuilder endpoints, SiloHostedService host)
    {
        endpoints.MapPut("/users/{name}", async (string name, HttpRequest request) =>
        {
            if (host.Silo is not { IsActive: true } silo)
            {
                return NotActive();
            }
            using var reader = new StreamReader(request.Body);
            var password = (await reader.ReadToEndAsync().ConfigureAwait(false)).TrimEnd('\r', '\n');
            if (password.Length == 0)
            {
                return Results.Text("the request body must hold the password\n", statusCode: StatusCodes.Status400BadRequest);
            }
            var existed = await silo.GrainFactory.GetGrain(UserGrainKind.Name, UserGrainKind.Key)
                .CallAsync(new SetUser(PasswordHasher.Create(name, password))).ConfigureAwait(false);
            return Results.Text(existed.Value ? $"user '{name}' updated\n" : $"user '{name}' created\n");
        });
        endpoints.MapDelete("/users/{name}", async (string name) =>
        {
            if (host.Silo is not { IsActive: true } silo)
            {
                return NotActive();
            }
            var existed = await silo.GrainFactory.GetGrain(UserGrainKind.Name, UserGrainKind.Key)
                .CallAsync(new SetUser(new UserCredential(name, [], [], 0))).ConfigureAwait(false);
            return existed.Value ? Results.Text($"user '{name}' deleted\n") : Results.NotFound($"no user '{name}'\n");
        });
        endpoints.MapPut("/users/{name}/permissions", async (string name, HttpRequest request) =>
        {
            if (host.Silo is not { IsActive: true } silo)
            {
                return NotActive();
            }
            using var reader = new StreamReader(request.Body);
            var text = await reader.ReadToEndAsync().ConfigureAwait(false);
            if (PermissionsText.TryParse(name, text, out var permissions) is { } problem)
            {
                return Results.Text(problem + "\n", statusCode: StatusCodes.Status400BadRequest);
            }
            var known = await silo.GrainFactory.GetGrain(UserGrainKind.Name, UserGrainKind.Key)
                .CallAsync(new SetPermissions(permissions)).ConfigureAwait(false);
            return known.Value ? Results.Text($"permissions of '{name}' set\n") : Results.NotFound($"no user '{name}'\n");
        });
        endpoints.MapGet("/users/{name}/permissions", async (string name) =>
        {
            if (host.Silo is not { IsActive: true } silo)
            {
                return NotActive();
            }
            var permissions = await silo.GrainFactory.GetGrain(UserGrainKind.Name, UserGrainKind.Key)
                .CallAsync(new GetPermissions(name)).ConfigureAwait(false);
            return Results.Text(PermissionsText.Format(permissions));
        });
        endpoints.MapGet("/users", async () =>
        {
            if (host.Silo is not { IsActive: true } silo)
            {
                return NotActive();
            }
            var users = await silo.GrainFactory.GetGrain(UserGrainKind.Name, UserGrainKind.Key).CallAsync(new ListUsers()).ConfigureAwait(false);
            return Results.Text(string.Join('\n', users.Items) + (users.Items.Count > 0 ? "\n" : string.Empty));
        });
        return endpoints;
    }

    private static IResult NotActive() => Results.Text("the silo is not active\n", statusCode: StatusCodes.Status503ServiceUnavailable);
}
