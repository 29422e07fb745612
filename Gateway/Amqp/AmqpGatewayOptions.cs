using Gateway.Hosting;

namespace Gateway.Amqp;

/// <summary>AMQP 1.0 front end settings (section <c>Amqp</c> of the host's configuration).</summary>
public sealed class AmqpGatewayOptions
{
    public bool Enabled { get; set; } = true;

    public string ListenAddress { get; set; } = "127.0.0.1";

    /// <summary>AMQP over TCP (5672, IANA); 0 picks a free port.</summary>
    public int Port { get; set; } = 5672;

    /// <summary>AMQP over TLS (5671, IANA amqps); used only when <see cref="Certificate"/> is set.</summary>
    public int TlsPort { get; set; } = 5671;

    /// <summary>The server certificate (settings CertificatePath, CertificatePassword, CertificateKeyPath); null: no TLS
    /// listeners.</summary>
    public Hosting.ServerCertificate? Certificate { get; set; }

    /// <summary>Largest frame this broker accepts (open max-frame-size); bigger ones close the connection with framing-error.</summary>
    public int MaxFrameSize { get; set; } = 256 * 1024;

    /// <summary>Largest message (all transfers of one delivery): attach max-message-size; bigger ones detach the link with message-size-exceeded.</summary>
    public int MaxMessageSize { get; set; } = 100 * 1024 * 1024;

    /// <summary>Highest channel number a client may use (open channel-max).</summary>
    public int ChannelMax { get; set; } = 255;

    /// <summary>Highest link handle per session (begin handle-max).</summary>
    public int HandleMax { get; set; } = 1023;

    /// <summary>Credit granted to a client's sender link: unsettled messages it may have on their way into the broker.</summary>
    public int LinkCredit { get; set; } = 500;

    /// <summary>The idle-time-out sent in open: a client silent this long is disconnected (it must send heartbeats at least twice as often).</summary>
    public TimeSpan IdleTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Time allowed between the TCP connect and a completed open.</summary>
    public TimeSpan OpenTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Accept SASL ANONYMOUS and the SASL-less header. The embedded default enables it and says so in the log.</summary>
    public bool AllowAnonymous { get; set; } = true;

    /// <summary>Messages a non-durable topic receiver without credit may have waiting in the gateway before the oldest are dropped.</summary>
    public int TopicBufferLimit { get; set; } = 10_000;

    /// <summary>Bytes of messages one transaction may hold until its commit (Part 4); past it the transaction can only roll back.</summary>
    public long MaxTransactionBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Reads section <c>Amqp</c>; throws <see cref="ArgumentException"/> naming the first bad setting.</summary>
    public static AmqpGatewayOptions Load(IConfiguration configuration)
    {
        var settings = new SettingReader(configuration, "Amqp");
        var options = new AmqpGatewayOptions();
        options.Enabled = settings.Bool("Enabled", options.Enabled);
        options.AllowAnonymous = settings.Bool("AllowAnonymous", options.AllowAnonymous);
        options.ListenAddress = settings.IPAddress("ListenAddress", options.ListenAddress);
        options.Port = settings.Int("Port", options.Port, 0, 65535);
        options.MaxFrameSize = settings.Int("MaxFrameSize", options.MaxFrameSize, 4096, 16 * 1024 * 1024);
        options.MaxMessageSize = settings.Int("MaxMessageSize", options.MaxMessageSize, 1024, 1024 * 1024 * 1024);
        options.ChannelMax = settings.Int("ChannelMax", options.ChannelMax, 0, 65535);
        options.HandleMax = settings.Int("HandleMax", options.HandleMax, 0, int.MaxValue);
        options.LinkCredit = settings.Int("LinkCredit", options.LinkCredit, 1, 100_000);
        options.IdleTimeout = TimeSpan.FromSeconds(settings.Int("IdleTimeoutSeconds", (int)options.IdleTimeout.TotalSeconds, 0, 86_400));
        options.MaxTransactionBytes = settings.Int("MaxTransactionBytes", (int)options.MaxTransactionBytes, 1024, int.MaxValue);
        options.TopicBufferLimit = settings.Int("TopicBufferLimit", options.TopicBufferLimit, 1, 10_000_000);
        options.TlsPort = settings.Int("TlsPort", options.TlsPort, 0, 65535);
        options.Certificate = Hosting.ServerCertificate.Read(settings);
        if (options.Certificate is not null && options.Port != 0 && options.Port == options.TlsPort)
        {
            throw settings.Invalid("TlsPort", $"{options.TlsPort} is already Amqp:Port.");
        }
        return options;
    }
}
