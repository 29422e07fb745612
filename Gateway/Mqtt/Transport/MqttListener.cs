using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging.Abstractions;

namespace Gateway.Mqtt.Transport;

/// <summary>
/// The MQTT listeners on Kestrel: plain TCP (1883) through a connection delegate, and WebSocket (8083, path
/// <c>/mqtt</c>, subprotocol <c>mqtt</c> [MQTT-6.0.0-3/4]) whose binary frames carry the same byte stream.
/// </summary>
public sealed partial class MqttListener : IAsyncDisposable
{
    private readonly MqttConnectionFactory _connections;
    private readonly MqttGatewayOptions _options;
    private readonly ILogger _logger;
    private WebApplication? _app;
    private ListenOptions? _tcp;
    private ListenOptions? _webSocket;
    private ListenOptions? _tls;
    private ListenOptions? _secureWebSocket;

    public MqttListener(MqttConnectionFactory connections, MqttGatewayOptions options, ILogger<MqttListener> logger)
    {
        _connections = connections;
        _options = options;
        _logger = logger;
    }

    /// <summary>The bound TCP endpoint (after start).</summary>
    public IPEndPoint? TcpEndPoint => _tcp?.IPEndPoint;

    /// <summary>The bound WebSocket endpoint (after start), or null when disabled.</summary>
    public IPEndPoint? WebSocketEndPoint => _webSocket?.IPEndPoint;

    /// <summary>The bound TLS endpoint (after start), or null without a certificate.</summary>
    public IPEndPoint? TlsEndPoint => _tls?.IPEndPoint;

    /// <summary>The bound secure WebSocket endpoint (after start), or null.</summary>
    public IPEndPoint? SecureWebSocketEndPoint => _secureWebSocket?.IPEndPoint;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Gateway.Mqtt" });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.AddSingleton<IHostLifetime, Hosting.QuietHostLifetime>();
        builder.Services.AddRouting();
        var address = IPAddress.Parse(_options.ListenAddress);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = null;
            kestrel.Listen(address, _options.Port, lo =>
            {
                lo.Run(context => _connections.RunAsync(context.Transport, context.RemoteEndPoint?.ToString() ?? "?"));
                _tcp = lo;
            });
            if (_options.WebSocketPort >= 0)
            {
                kestrel.Listen(address, _options.WebSocketPort, lo => _webSocket = lo);
            }
            if (_options.Certificate is { } tls)
            {
                var certificate = tls.Load();
                // TLS as connection middleware: the MQTT byte stream runs inside it unchanged (8883, MQTT 5.0 §4.2).
                kestrel.Listen(address, _options.TlsPort, lo =>
                {
                    lo.UseHttps(certificate);
                    lo.Run(context => _connections.RunAsync(context.Transport, "tls:" + (context.RemoteEndPoint?.ToString() ?? "?")));
                    _tls = lo;
                });
                if (_options.SecureWebSocketPort >= 0)
                {
                    kestrel.Listen(address, _options.SecureWebSocketPort, lo =>
                    {
                        lo.UseHttps(certificate);
                        _secureWebSocket = lo;
                    });
                }
            }
        });
        var app = builder.Build();
        app.UseWebSockets();
        app.Map(_options.WebSocketPath, AcceptWebSocketAsync);
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value;
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        _app = app;
        LogListening(_logger, _tcp?.IPEndPoint?.ToString() ?? "?", _webSocket is null ? "off" : $"ws://{_webSocket.IPEndPoint}{_options.WebSocketPath}",
            _tls is null ? "off (no Mqtt:CertificatePath)" : $"mqtts://{_tls.IPEndPoint}" + (_secureWebSocket is null ? string.Empty : $" and wss://{_secureWebSocket.IPEndPoint}{_options.WebSocketPath}"));
    }

    private async Task AcceptWebSocketAsync(HttpContext context)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("MQTT over WebSocket: open a WebSocket with subprotocol 'mqtt'.\n").ConfigureAwait(false);
            return;
        }
        // [MQTT-6.0.0-3/4] the subprotocol is "mqtt"; old clients ask for "mqttv3.1".
        var requested = context.WebSockets.WebSocketRequestedProtocols;
        var subprotocol = requested.Contains("mqtt") ? "mqtt" : requested.Contains("mqttv3.1") ? "mqttv3.1" : null;
        using var socket = await context.WebSockets.AcceptWebSocketAsync(subprotocol).ConfigureAwait(false);
        await using var stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false);
        var pipe = new StreamPipe(stream);
        await _connections.RunAsync(pipe, "ws:" + (context.Connection.RemoteIpAddress?.ToString() ?? "?")).ConfigureAwait(false);
        if (socket.State == WebSocketState.Open)
        {
            await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None).ConfigureAwait(false);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().ConfigureAwait(false);
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }

    private sealed class StreamPipe(Stream stream) : IDuplexPipe
    {
        public PipeReader Input { get; } = PipeReader.Create(stream, new StreamPipeReaderOptions(leaveOpen: true));

        public PipeWriter Output { get; } = PipeWriter.Create(stream, new StreamPipeWriterOptions(leaveOpen: true));
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "MQTT listening on tcp://{Tcp} and {WebSocket}; TLS: {Tls}")]
    private static partial void LogListening(ILogger logger, string tcp, string webSocket, string tls);
}
