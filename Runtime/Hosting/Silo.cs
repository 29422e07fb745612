using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Runtime.Activation;
using Runtime.Core;
using Runtime.Identity;
using Runtime.Membership;
using Runtime.Messaging;
using Runtime.Networking;
using Runtime.Placement;
using Runtime.Serialization;
using Runtime.Storage;
using Runtime.Storage.Journal;

namespace Runtime.Hosting;

/// <summary>
/// One silo: listens on its silo and gateway ports (Kestrel), joins the membership table, hosts activations and
/// routes grain calls. <see cref="StopAsync"/> leaves gracefully (grains flush); <see cref="Kill"/> simulates a crash
/// (no goodbye: the others declare it dead when its heartbeat stops).
/// </summary>
public sealed partial class Silo : IObserverFactory, IAsyncDisposable
{
    private readonly SiloOptions _options;
    private readonly IMembershipTable _table;
    private readonly GrainTypeRegistry _types;
    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly IPlacementDirector _placement = RendezvousPlacementDirector.Instance;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly IJournalStorage _journalStorage;
    private JournalWriter? _journal;
    private WebApplication? _kestrel;
    private InboundConnectionHandler? _siloPortHandler;
    private InboundConnectionHandler? _gatewayPortHandler;
    private SiloMessageCenter? _messageCenter;
    private PendingCalls? _pending;
    private ConnectionManager? _connections;
    private MembershipAgent? _agent;
    private Catalog? _catalog;
    private SiloAddress? _address;
    private int _state; // 0 new, 1 started, 2 stopping/stopped
    private bool _joined;

    /// <param name="options">Identity, endpoints, timings (validated here).</param>
    /// <param name="membershipTable">The cluster's membership table.</param>
    /// <param name="storage">Grain state with epoch fencing.</param>
    /// <param name="grainTypes">The grain classes this silo hosts.</param>
    /// <param name="loggerFactory">Logging.</param>
    /// <param name="timeProvider">The clock (system clock by default).</param>
    /// <param name="journalStorage">Where grain journals (queue messages) live; defaults to an in-memory journal when
    /// <paramref name="storage"/> is the in-memory grain storage, and is required otherwise (same database as the state).</param>
    public Silo(SiloOptions options, IMembershipTable membershipTable, IGrainStorage storage, GrainTypeRegistry grainTypes,
        ILoggerFactory loggerFactory, TimeProvider? timeProvider = null, IJournalStorage? journalStorage = null)
    {
        options.Validate();
        _journalStorage = journalStorage ?? (storage is InMemoryGrainStorage memory
            ? new InMemoryJournalStorage(memory)
            : throw new ArgumentNullException(nameof(journalStorage), "A silo with database storage needs the journal of the same database."));
        _options = options;
        _table = membershipTable;
        Storage = storage;
        _types = grainTypes;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<Silo>();
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>This incarnation's address; set once started.</summary>
    public SiloAddress Address => _address ?? throw new InvalidOperationException("The silo is not started.");

    public string Name => _options.SiloName;

    public IGrainStorage Storage { get; }

    /// <summary>The silo's journal writer (group commit); null before start.</summary>
    public JournalWriter? Journal => _journal;

    /// <summary>The membership view this silo currently has.</summary>
    public ClusterMembership Membership { get; } = new();

    /// <summary>Time since the membership table (the cluster's database) last answered this silo.</summary>
    public TimeSpan SinceTableContact => _agent?.SinceTableContact ?? TimeSpan.Zero;

    /// <summary>Grain references whose calls start from inside this silo.</summary>
    public IGrainFactory GrainFactory { get; private set; } = null!;

    /// <summary>True once joined (Active in the membership table) and until stopping starts.</summary>
    public bool IsActive => Volatile.Read(ref _state) == 1 && Volatile.Read(ref _joined);

    /// <summary>Completes when the silo has stopped, for whatever reason (stop, kill, declared dead).</summary>
    public Task Stopped => _stopped.Task;

    /// <summary>Why the silo stopped by itself (declared dead), if it did.</summary>
    public string? FatalReason { get; private set; }

    public int ActivationCount => _catalog?.Count ?? 0;

    /// <summary>An observer in this silo's process that grains on any silo can push to (a co-hosted gateway's consumers).</summary>
    public ObserverId CreateObserver(IGrainObserver observer) =>
        (_messageCenter ?? throw new InvalidOperationException("The silo is not started.")).CreateObserver(observer);

    public bool DeleteObserver(ObserverId observer) => _messageCenter?.DeleteObserver(observer) ?? false;

    /// <summary>Whether this silo has an activation of <paramref name="grainId"/>.</summary>
    public bool HasActivation(GrainId grainId) => _catalog?.IsActive(grainId) ?? false;

    public IReadOnlyCollection<GrainId> ActiveGrainIds => _catalog?.ActiveGrainIds ?? [];

    /// <summary>Runs a request on an activation in this silo whatever placement says: how tests force a second
    /// activation of a grain (a split brain) to check fencing.</summary>
    internal async Task<IWireMessage> InvokeOnThisSiloAsync(GrainId grainId, IWireMessage request)
    {
        var sink = new LocalCallSink();
        _catalog!.Dispatch(grainId, new MailboxItem(request, sink, 0, 0));
        return await sink.Task.ConfigureAwait(false);
    }

    public async Task StartAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.CompareExchange(ref _state, 1, 0) != 0)
        {
            throw new InvalidOperationException("A silo starts once.");
        }
        var generation = SiloAddress.AllocateGeneration(_time);
        var messaging = _options.Messaging;
        _pending = new PendingCalls(_time);

        // The message center needs the address, which needs the bound ports: build it lazily through a holder.
        var listen = IPAddress.Parse(_options.ListenAddress);
        var selfId = () => _address?.ToString() ?? string.Empty;
        _kestrel = BuildKestrel(listen, selfId, () => Volatile.Read(ref _messageCenter), out var siloListen, out var gatewayListen);
        await _kestrel.StartAsync(cancellationToken).ConfigureAwait(false);

        var advertised = _options.AdvertisedAddress ?? _options.ListenAddress;
        _address = new SiloAddress(advertised, ((IPEndPoint)siloListen.EndPoint).Port, ((IPEndPoint)gatewayListen.EndPoint).Port, generation);
        var messageCenter = new SiloMessageCenter(_address, Membership, _placement, _pending, _time, _loggerFactory.CreateLogger<SiloMessageCenter>());
        _connections = new ConnectionManager(ConnectionRole.Silo, _options.ClusterId, _address.ToString(), messageCenter, messaging,
            _loggerFactory.CreateLogger<ConnectionManager>());
        var router = new GrainCallRouter(Membership, _placement, _connections, _pending, messageCenter, messaging, _time);
        GrainFactory = new GrainFactory(router);
        _journal = new JournalWriter(_journalStorage, _options.Journal, _loggerFactory.CreateLogger<JournalWriter>());
        _catalog = new Catalog(_address, _types, GrainFactory, Storage, _journal, _time, messaging.MailboxCapacity, messageCenter, _loggerFactory);
        messageCenter.AttachCatalog(_catalog, _connections);
        Volatile.Write(ref _messageCenter, messageCenter);
        Membership.ViewChanged += OnViewChanged;

        await Storage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await _journalStorage.InitializeAsync(cancellationToken).ConfigureAwait(false);
        _agent = new MembershipAgent(_table, _address, _options.SiloName, _options.Membership, Membership, _time,
            _loggerFactory.CreateLogger<MembershipAgent>(), reason => _ = FailFastAsync(reason));
        await _agent.JoinAsync(cancellationToken).ConfigureAwait(false);
        Volatile.Write(ref _joined, true);
        _ = Task.Run(() => CollectIdleActivationsAsync(_lifetime.Token), CancellationToken.None);
        LogStarted(_logger, _options.SiloName, _address, _options.ClusterId);
    }

    /// <summary>Graceful stop: leaves placement, deactivates every grain (their hooks flush state), writes Dead, closes.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _state, 2) != 1)
        {
            await Stopped.ConfigureAwait(false);
            return;
        }
        LogStopping(_logger, _address!);
        try
        {
            await _agent!.SetStatusAsync(SiloStatus.ShuttingDown, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStopStepFailed(_logger, "ShuttingDown status", ex);
        }
        _catalog!.IsStopping = true;
        LogStopStep(_logger, "deactivating grains", _catalog.Count);
        await _catalog.DeactivateAsync(static _ => true, DeactivationReason.SiloShutdown).ConfigureAwait(false);
        LogStopStep(_logger, "grains deactivated", _catalog.Count);
        _messageCenter!.IsStopped = true;
        try
        {
            await _agent!.SetStatusAsync(SiloStatus.Dead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            LogStopStepFailed(_logger, "Dead status", ex);
        }
        await ShutdownTransportAsync().ConfigureAwait(false);
        LogStopped(_logger, _address!);
        _stopped.TrySetResult();
    }

    /// <summary>Simulates a crash: no table write, no deactivation hooks, connections dropped. Peers find out by the
    /// missing heartbeat.</summary>
    public void Kill() => _ = KillAsync();

    /// <summary><see cref="Kill"/>, returning when the silo's resources are released.</summary>
    public async Task KillAsync()
    {
        if (Interlocked.Exchange(ref _state, 2) == 2)
        {
            await Stopped.ConfigureAwait(false);
            return;
        }
        if (_messageCenter is not null)
        {
            _messageCenter.IsStopped = true;
        }
        _catalog?.AbortAll();
        await ShutdownTransportAsync().ConfigureAwait(false);
        _stopped.TrySetResult();
    }

    public async ValueTask DisposeAsync()
    {
        if (Volatile.Read(ref _state) == 1)
        {
            await StopAsync().ConfigureAwait(false);
        }
        else if (Volatile.Read(ref _state) == 0)
        {
            _stopped.TrySetResult();
        }
        await Stopped.ConfigureAwait(false);
        _lifetime.Dispose();
    }

    private async Task FailFastAsync(string reason)
    {
        FatalReason = reason;
        await KillAsync().ConfigureAwait(false);
    }

    private async Task ShutdownTransportAsync()
    {
        await _lifetime.CancelAsync().ConfigureAwait(false);
        if (_agent is not null)
        {
            await _agent.DisposeAsync().ConfigureAwait(false);
        }
        _siloPortHandler?.AbortAll();
        _gatewayPortHandler?.AbortAll();
        _messageCenter?.AbortClients();
        if (_connections is not null)
        {
            await _connections.DisposeAsync().ConfigureAwait(false);
        }
        if (_kestrel is not null)
        {
            using var immediate = new CancellationTokenSource();
            await immediate.CancelAsync().ConfigureAwait(false);
            await _kestrel.StopAsync(immediate.Token).ConfigureAwait(false);
            await _kestrel.DisposeAsync().ConfigureAwait(false);
        }
        if (_pending is not null)
        {
            await _pending.DisposeAsync().ConfigureAwait(false);
        }
        if (_journal is not null)
        {
            await _journal.DisposeAsync().ConfigureAwait(false);
        }
    }

    private void OnViewChanged(MembershipView view)
    {
        if (_connections is null || _catalog is null || Volatile.Read(ref _state) != 1)
        {
            return;
        }
        foreach (var silo in _connections.ConnectedSilos)
        {
            if (view.IsDead(silo))
            {
                _connections.Close(silo);
            }
        }
        if (view.ActiveSilos.Count == 0 || !view.ActiveSilos.Contains(_address!))
        {
            return;
        }
        // Rebalance: grains that now hash to another silo leave (flushing), so the new owner is the only one.
        var self = _address!;
        _ = _catalog.DeactivateAsync(id => _placement.PickOwner(id, view.ActiveSilos) != self, DeactivationReason.Rebalanced);
    }

    private async Task CollectIdleActivationsAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(_options.CollectionQuantum, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken).ConfigureAwait(false))
            {
                _catalog?.CollectIdle(_options.CollectionAge);
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private WebApplication BuildKestrel(IPAddress listen, Func<string> selfId, Func<SiloMessageCenter?> center,
        out ListenOptions siloListen, out ListenOptions gatewayListen)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = "Runtime.Silo" });
        // Kestrel's own hosting chatter ("Now listening on http://...") would mislead: these ports do not speak HTTP.
        // Connection problems are logged by the runtime's handlers with the runtime's logger factory.
        builder.Services.AddLogging();
        builder.Services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        builder.Services.AddSingleton<IHostLifetime, EmbeddedHostLifetime>();
        ListenOptions? siloOptions = null;
        ListenOptions? gatewayOptions = null;
        var handlerLogger = _loggerFactory.CreateLogger<InboundConnectionHandler>();
        _siloPortHandler = new InboundConnectionHandler(ConnectionRole.Silo, _options.ClusterId, selfId, center, _options.Messaging, handlerLogger);
        _gatewayPortHandler = new InboundConnectionHandler(ConnectionRole.Client, _options.ClusterId, selfId, center, _options.Messaging, handlerLogger);
        var siloHandler = _siloPortHandler;
        var gatewayHandler = _gatewayPortHandler;
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(listen, _options.SiloPort, lo =>
            {
                lo.Run(siloHandler.OnConnectedAsync);
                siloOptions = lo;
            });
            kestrel.Listen(listen, _options.GatewayPort, lo =>
            {
                lo.Run(gatewayHandler.OnConnectedAsync);
                gatewayOptions = lo;
            });
        });
        var app = builder.Build();
        // ConfigureKestrel runs when the server options are first resolved.
        _ = app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<KestrelServerOptions>>().Value;
        siloListen = siloOptions!;
        gatewayListen = gatewayOptions!;
        return app;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {SiloName} started as {Silo} in cluster {ClusterId}")]
    private static partial void LogStarted(ILogger logger, string siloName, SiloAddress silo, string clusterId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopping")]
    private static partial void LogStopping(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Silo {Silo} stopped")]
    private static partial void LogStopped(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Stopping: {Step} ({Activations} activations)")]
    private static partial void LogStopStep(ILogger logger, string step, int activations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Writing the {Step} failed while stopping")]
    private static partial void LogStopStepFailed(ILogger logger, string step, Exception exception);
}
