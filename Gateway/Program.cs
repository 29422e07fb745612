using System.Net;
using Gateway.Hosting;

// A standalone gateway: `dotnet run --project Gateway -- --Gateway:PostgresConnectionString=...` joins the cluster
// named by Gateway:ClusterId as a client (no state of its own) and serves GET /healthz on 127.0.0.1:8081.
// Without a PostgreSQL connection string it uses the SQLite membership table of a silo on this machine (./data).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
GatewaySettings settings;
Gateway.Mqtt.MqttGatewayOptions mqtt;
Gateway.Amqp.AmqpGatewayOptions amqp;
try
{
    settings = GatewaySettings.Load(builder.Configuration);
    mqtt = Gateway.Mqtt.MqttGatewayOptions.Load(builder.Configuration);
    amqp = Gateway.Amqp.AmqpGatewayOptions.Load(builder.Configuration);
}
catch (ArgumentException ex)
{
    await Console.Error.WriteLineAsync($"The gateway did not start. {ex.Message}");
    return 2;
}
builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.AdminAddress), settings.AdminPort));
// Probes hit /healthz every few seconds: keep ASP.NET Core's per-request logs out (configuration can still lower it).
builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(mqtt);
builder.Services.AddSingleton(amqp);
builder.Services.AddSingleton<ClusterClientHostedService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<ClusterClientHostedService>());
builder.Services.AddSingleton<IGrainFactoryAccessor>(sp => new GrainFactoryAccessor(
    () => sp.GetRequiredService<ClusterClientHostedService>().Client,
    () => sp.GetRequiredService<ClusterClientHostedService>().Client));
builder.Services.AddSingleton<GatewayHostedService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<GatewayHostedService>());

var app = builder.Build();
var clientService = app.Services.GetRequiredService<ClusterClientHostedService>();
app.MapGet("/healthz", () => clientService.Client is { } client && client.Membership.Current.ActiveSilos.Count > 0
    ? Results.Text("ok\n")
    : Results.Text("no active silo\n", statusCode: StatusCodes.Status503ServiceUnavailable));
await app.RunAsync();
return 0;
