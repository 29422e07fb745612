using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Silo.Admin;
using Silo.Configuration;
using Silo.Hosting;

// The silo host: `dotnet run --project Silo` with no configuration is the embedded broker (one silo, co-hosted
// gateway, SQLite under ./data, admin HTTP on 127.0.0.1:8080). Settings: appsettings.json next to the binary,
// environment variables (Broker__SiloPort=11112), command line (--Broker:SiloPort=11112).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});

BrokerSettings settings;
Gateway.Mqtt.MqttGatewayOptions mqtt;
Gateway.Amqp.AmqpGatewayOptions amqp;
try
{
    settings = BrokerSettings.Load(builder.Configuration);
    mqtt = Gateway.Mqtt.MqttGatewayOptions.Load(builder.Configuration);
    amqp = Gateway.Amqp.AmqpGatewayOptions.Load(builder.Configuration);
}
catch (Exception ex) when (ex is BrokerConfigurationException or ArgumentException)
{
    await Console.Error.WriteLineAsync($"The broker did not start. {ex.Message}");
    return 2;
}

builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Parse(settings.AdminAddress), settings.AdminPort));
builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = settings.ShutdownTimeout);
builder.Services.AddSingleton(settings);
builder.Services.AddSingleton(mqtt);
builder.Services.AddSingleton(amqp);
builder.Services.AddSingleton<SiloHostedService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<SiloHostedService>());
builder.Services.AddSingleton<Gateway.Hosting.GatewayHostedService>();
builder.Services.AddHostedService(sp => sp.GetRequiredService<Gateway.Hosting.GatewayHostedService>());
builder.Services.AddSingleton<Gateway.Hosting.IGrainFactoryAccessor>(sp =>
    new Gateway.Hosting.GrainFactoryAccessor(
        () => sp.GetRequiredService<SiloHostedService>().Silo?.GrainFactory,
        () => sp.GetRequiredService<SiloHostedService>().Silo));

var app = builder.Build();
app.MapAdminEndpoints(app.Services.GetRequiredService<SiloHostedService>());
app.MapUserEndpoints(app.Services.GetRequiredService<SiloHostedService>());
app.Lifetime.ApplicationStarted.Register(() =>
{
    var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
    app.Logger.LogInformation("Admin HTTP on {Addresses} (GET /healthz, GET /status)", string.Join(", ", addresses));
});

try
{
    await app.RunAsync();
}
catch (IOException ex) when (ex.InnerException is SocketException { SocketErrorCode: SocketError.AddressAlreadyInUse } || ex.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
{
    await Console.Error.WriteLineAsync(
        $"The broker did not start: {ex.Message}. Another process holds the port; choose others with Broker:SiloPort, Broker:GatewayPort, Broker:AdminPort, Mqtt:Port, Mqtt:WebSocketPort or Amqp:Port.");
    return 2;
}
return Environment.ExitCode;
