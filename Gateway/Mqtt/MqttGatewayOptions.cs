namespace Gateway.Mqtt;

/// <summary>MQTT front end settings (section <c>Mqtt</c> of the host's configuration).</summary>
public sealed class MqttGatewayOptions
{
    public bool Enabled { get; set; } = true;

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>MQTT over TCP; 0 picks a free port.</summary>
    public int Port { get; set; } = 1883;

    /// <summary>MQTT over WebSocket on path <see cref="WebSocketPath"/>; 0 picks a free port, -1 disables it.</summary>
    public int WebSocketPort { get; set; } = 8083;

    public string WebSocketPath { get; set; } = "/mqtt";

    /// <summary>Largest packet a client may send (CONNACK Maximum Packet Size); bigger ones close the connection (0x95).</summary>
    public int MaximumPacketSize { get; set; } = 16 * 1024 * 1024;

    /// <summary>QoS 1/2 PUBLISHes a client may have unacknowledged (CONNACK Receive Maximum).</summary>
    public ushort ReceiveMaximum { get; set; } = 256;

    /// <summary>Topic aliases a v5 client may use towards the broker.</summary>
    public ushort TopicAliasMaximum { get; set; } = 64;

    /// <summary>Topic aliases the broker uses towards a v5 client that announced a Topic Alias Maximum (at most that
    /// many); 0 never sends aliases. Per connection, least recently used replaced (docs/protocol-mapping.md).</summary>
    public ushort OutboundTopicAliasMaximum { get; set; } = 16;

    /// <summary>Deliveries in flight to a client that announced no Receive Maximum (v3.1.1 clients, v5 clients without
    /// the property). 256: with 64 a QoS 1 subscriber waited on its own PUBACK round trips (docs/performance.md).</summary>
    public int DefaultOutboundWindow { get; set; } = 256;

    /// <summary>Time allowed between the TCP connect and the CONNECT packet.</summary>
    public TimeSpan ConnectTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept clients without credentials. The embedded default enables it and says so in the log.</summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>How often <c>$SYS/broker/...</c> statistics are published; zero turns them off.</summary>
    public TimeSpan SysInterval { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>MQTT over TLS (8883 by convention); used only when <see cref="Certificate"/> is set.</summary>
    public int TlsPort { get; set; } = 8883;

    /// <summary>MQTT over secure WebSocket; used only when <see cref="Certificate"/> is set; -1 disables it.</summary>
    public int SecureWebSocketPort { get; set; } = 8084;

    /// <summary>The server certificate (settings CertificatePath, CertificatePassword, CertificateKeyPath); null: no TLS
    /// listeners.</summary>
    public Hosting.ServerCertificate? Certificate { get; set; }

    /// <summary>Reads section <c>Mqtt</c>; throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public static MqttGatewayOptions Load(IConfiguration configuration)
    {
        var settings = new Hosting.SettingReader(configuration, "Mqtt");
        var options = new MqttGatewayOptions();
        options.Enabled = settings.Bool("Enabled", options.Enabled);
        options.AllowAnonymous = settings.Bool("AllowAnonymous", options.AllowAnonymous);
        options.ListenAddress = settings.IPAddress("ListenAddress", options.ListenAddress);
        options.Port = settings.Int("Port", options.Port, 0, 65535);
        options.WebSocketPort = settings.Int("WebSocketPort", options.WebSocketPort, -1, 65535);
        options.MaximumPacketSize = settings.Int("MaximumPacketSize", options.MaximumPacketSize, 64, 268_435_460);
        options.ReceiveMaximum = (ushort)settings.Int("ReceiveMaximum", options.ReceiveMaximum, 1, 65535);
        options.TopicAliasMaximum = (ushort)settings.Int("TopicAliasMaximum", options.TopicAliasMaximum, 0, 65535);
        options.OutboundTopicAliasMaximum = (ushort)settings.Int("OutboundTopicAliasMaximum", options.OutboundTopicAliasMaximum, 0, 65535);
        options.DefaultOutboundWindow = settings.Int("DefaultOutboundWindow", options.DefaultOutboundWindow, 1, 65535);
        options.WebSocketPath = settings.String("WebSocketPath", options.WebSocketPath);
        options.SysInterval = TimeSpan.FromSeconds(settings.Int("SysIntervalSeconds", (int)options.SysInterval.TotalSeconds, 0, 86_400));
        options.TlsPort = settings.Int("TlsPort", options.TlsPort, 0, 65535);
        options.SecureWebSocketPort = settings.Int("SecureWebSocketPort", options.SecureWebSocketPort, -1, 65535);
        options.Certificate = Hosting.ServerCertificate.Read(settings);
        if (!options.WebSocketPath.StartsWith('/'))
        {
            throw settings.Invalid("WebSocketPath", $"'{options.WebSocketPath}' must start with '/'.");
        }
        if (options.Port != 0 && options.Port == options.WebSocketPort)
        {
            throw settings.Invalid("WebSocketPort", $"{options.WebSocketPort} is already Mqtt:Port.");
        }
        return options;
    }
}
