using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Amqp.Transport;

/// <summary>The AMQP 1.0 listener on Kestrel: plain TCP (5672) through a connection delegate.</summary>
public sealed partial class AmqpListener : IAsyncDisposable
{
    private readonly AmqpConnectionFactory _connections;
    private readonly AmqpGatewayOptions _options;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private ListenOptions? _tcp;
    private ListenOptions? _tls;

    public AmqpListener(AmqpConnectionFactory connections, AmqpGatewayOptions options, ILogger<AmqpListener> logger)
    {
        _connections = connections;
        _options = options;
        _logger = logger;
    }

    /// <summary>The bound TCP endpoint (after start).</summary>
    public IPEndPoint? TcpEndPoint => _tcp?.IPEndPoint;

    /// <summary>The bound TLS endpoint (after start), or null without a certificate.</summary>
    public IPEndPoint? TlsEndPoint => _tls?.IPEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Gateway.Amqp" });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.AddSingleton<IHostLifetime, Hosting.QuietHostLifetime>();
        var address = IPAddress.Parse(_options.ListenAddress);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(address, _options.Port, lo =>
            {
                lo.Run(context => _connections.RunAsync(context.Transport, context.RemoteEndPoint?.ToString() ?? "?"));
                _tcp = lo;
            });
            if (_options.Certificate is { } tls)
            {
                var certificate = tls.Load();
                // TLS as connection middleware: the AMQP byte stream (protocol header first) runs inside it unchanged.
                kestrel.Listen(address, _options.TlsPort, lo =>
                {
                    lo.UseHttps(certificate);
                    lo.Run(context => _connections.RunAsync(context.Transport, "tls:" + (context.RemoteEndPoint?.ToString() ?? "?")));
                    _tls = lo;
                });
            }
        });
        var app = builder.Build();
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        LogListening(_logger, _tcp?.IPEndPoint?.ToString() ?? "?", _tls is null ? "off (no Amqp:CertificatePath)" : $"amqps://{_tls.IPEndPoint}",
            _options.AllowAnonymous ? "PLAIN, ANONYMOUS" : "PLAIN");
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "AMQP 1.0 listening on amqp://{Tcp}; TLS: {Tls} (SASL {Mechanisms})")]
    private static partial void LogListening(ILogger logger, string tcp, string tls, string mechanisms);
}
