using System.Text;
using Gateway.Amqp.Framing;
using Gateway.Amqp.Types;

namespace Gateway.Tests.Amqp;

/// <summary>
/// Named sample performatives and composites, built fresh per call: for each type a "-full" sample with every field
/// set to a non-default value and a "-minimal" sample with only the mandatory fields (checked by
/// <c>SampleCatalogTests</c>).
/// </summary>
public static class AmqpSamples
{
    private static readonly Dictionary<string, Func<Performative>> PerformativeFactories = new()
    {
        ["open-full"] = () => new Open
        {
            ContainerId = "container-1",
            Hostname = "broker.example",
            MaxFrameSize = 65_536,
            ChannelMax = 255,
            IdleTimeOut = 30_000,
            OutgoingLocales = [Sym("en-US")],
            IncomingLocales = [Sym("en-US"), Sym("de-DE")],
            OfferedCapabilities = [Sym("ANONYMOUS-RELAY"), Sym("DELAYED_DELIVERY")],
            DesiredCapabilities = [Sym("sole-connection-for-container")],
            Properties = new AmqpMap { { Sym("product"), "gateway" }, { Sym("version"), "1.0" } },
        },
        ["open-minimal"] = () => new Open { ContainerId = "c" },
        ["begin-full"] = () => new Begin
        {
            RemoteChannel = 7,
            NextOutgoingId = 1,
            IncomingWindow = 2048,
            OutgoingWindow = 4096,
            HandleMax = 1023,
            OfferedCapabilities = [Sym("cap-a")],
            DesiredCapabilities = [Sym("cap-b")],
            Properties = new AmqpMap { { Sym("session"), 1 } },
        },
        ["begin-minimal"] = () => new Begin(),
        ["attach-full"] = () => new Attach
        {
            LinkName = "link-1",
            Handle = 3,
            Role = Role.Receiver,
            SndSettleMode = SenderSettleMode.Settled,
            RcvSettleMode = ReceiverSettleMode.Second,
            Source = FullSource(),
            Target = FullTarget(),
            Unsettled = new AmqpMap { { new byte[] { 1, 2 }, new AmqpDescribed(new AmqpDescriptor(Accepted.Code), new AmqpList()) } },
            IncompleteUnsettled = true,
            InitialDeliveryCount = 10,
            MaxMessageSize = 1_048_576,
            OfferedCapabilities = [Sym("SHARED-SUBS")],
            DesiredCapabilities = [Sym("queue"), Sym("topic")],
            Properties = new AmqpMap { { Sym("x-opt-link"), true } },
        },
        ["attach-minimal"] = () => new Attach { LinkName = "l" },
        ["attach-coordinator"] = () => new Attach
        {
            LinkName = "txn-ctrl",
            Handle = 0,
            Role = Role.Sender,
            Source = new Source { Outcomes = [Sym("amqp:accepted:list")] },
            Coordinator = new Coordinator { Capabilities = [Sym("amqp:local-transactions"), Sym("amqp:multi-txns-per-ssn")] },
            InitialDeliveryCount = 0,
        },
        ["flow-full"] = () => new Flow
        {
            NextIncomingId = 5,
            IncomingWindow = 100,
            NextOutgoingId = 6,
            OutgoingWindow = 200,
            Handle = 1,
            DeliveryCount = 7,
            LinkCredit = 500,
            Available = 3,
            Drain = true,
            Echo = true,
            Properties = new AmqpMap { { Sym("k"), 1u } },
        },
        ["flow-minimal"] = () => new Flow(),
        ["transfer-full"] = () => new Transfer
        {
            Handle = 1,
            DeliveryId = 2,
            DeliveryTag = new byte[] { 0, 1, 2, 3, 4, 5, 6, 7 },
            MessageFormat = 0,
            Settled = true,
            More = true,
            RcvSettleMode = ReceiverSettleMode.Second,
            State = new Received { SectionNumber = 1, SectionOffset = 2 },
            Resume = true,
            Aborted = true,
            Batchable = true,
        },
        ["transfer-minimal"] = () => new Transfer(),
        ["disposition-full"] = () => new Disposition
        {
            Role = Role.Receiver,
            First = 1,
            Last = 10,
            Settled = true,
            State = new Rejected { Error = FullError() },
            Batchable = true,
        },
        ["disposition-minimal"] = () => new Disposition(),
        ["detach-full"] = () => new Detach { Handle = 2, Closed = true, Error = FullError() },
        ["detach-minimal"] = () => new Detach(),
        ["end-full"] = () => new End { Error = FullError() },
        ["end-minimal"] = () => new End(),
        ["close-full"] = () => new Close { Error = FullError() },
        ["close-minimal"] = () => new Close(),
        ["sasl-mechanisms-full"] = () => new SaslMechanisms { SaslServerMechanisms = [Sym("PLAIN"), Sym("ANONYMOUS")] },
        ["sasl-mechanisms-minimal"] = () => new SaslMechanisms { SaslServerMechanisms = [Sym("ANONYMOUS")] },
        ["sasl-init-full"] = () => new SaslInit
        {
            Mechanism = Sym("PLAIN"),
            InitialResponse = Encoding.UTF8.GetBytes("\0user\0secret"),
            Hostname = "broker.example",
        },
        ["sasl-init-minimal"] = () => new SaslInit { Mechanism = Sym("ANONYMOUS") },
        ["sasl-challenge-full"] = () => new SaslChallenge { Challenge = new byte[] { 1, 2, 3 } },
        ["sasl-challenge-minimal"] = () => new SaslChallenge(),
        ["sasl-response-full"] = () => new SaslResponse { Response = new byte[] { 4, 5, 6 } },
        ["sasl-response-minimal"] = () => new SaslResponse(),
        ["sasl-outcome-full"] = () => new SaslOutcome { OutcomeCode = SaslCode.Auth, AdditionalData = new byte[] { 9 } },
        ["sasl-outcome-minimal"] = () => new SaslOutcome(),
    };

    private static readonly Dictionary<string, Func<AmqpComposite>> CompositeFactories = new()
    {
        ["error-full"] = FullError,
        ["error-minimal"] = () => new Error(Sym("amqp:internal-error")),
        ["source-full"] = FullSource,
        ["source-minimal"] = () => new Source(),
        ["target-full"] = FullTarget,
        ["target-minimal"] = () => new Target(),
        ["received-full"] = () => new Received { SectionNumber = 3, SectionOffset = 1ul << 40 },
        ["received-minimal"] = () => new Received(),
        ["accepted-minimal"] = () => new Accepted(),
        ["released-minimal"] = () => new Released(),
        ["rejected-full"] = () => new Rejected { Error = FullError() },
        ["rejected-minimal"] = () => new Rejected(),
        ["modified-full"] = () => new Modified
        {
            DeliveryFailed = true,
            UndeliverableHere = false,
            MessageAnnotations = new AmqpMap { { Sym("x-opt-retry"), 2 } },
        },
        ["modified-minimal"] = () => new Modified(),
        ["coordinator-full"] = () => new Coordinator { Capabilities = [Sym("amqp:local-transactions")] },
        ["coordinator-minimal"] = () => new Coordinator(),
        ["declare-full"] = () => new Declare { GlobalId = (AmqpValue)new byte[] { 9, 8, 7 } },
        ["declare-minimal"] = () => new Declare(),
        ["discharge-full"] = () => new Discharge { TxnId = new byte[] { 0, 0, 0, 0, 0, 0, 0, 1 }, Fail = true },
        ["discharge-minimal"] = () => new Discharge { TxnId = new byte[] { 1 } },
        ["declared-full"] = () => new Declared { TxnId = new byte[] { 0, 0, 0, 0, 0, 0, 0, 2 } },
        ["declared-minimal"] = () => new Declared { TxnId = new byte[] { 2 } },
        ["transactional-state-full"] = () => new TransactionalState
        {
            TxnId = new byte[] { 0, 0, 0, 0, 0, 0, 0, 3 },
            Outcome = new Modified { DeliveryFailed = true, UndeliverableHere = true },
        },
        ["transactional-state-minimal"] = () => new TransactionalState { TxnId = new byte[] { 3 } },
        ["header-full"] = () => new MessageHeader { Durable = true, Priority = 9, Ttl = 60_000, FirstAcquirer = true, DeliveryCount = 3 },
        ["header-minimal"] = () => new MessageHeader(),
        ["properties-full"] = () => new MessageProperties
        {
            MessageId = Guid.Parse("00112233-4455-6677-8899-aabbccddeeff"),
            UserId = Encoding.UTF8.GetBytes("user"),
            To = "queue://orders",
            Subject = "order-created",
            ReplyTo = "queue://replies",
            CorrelationId = 42ul,
            ContentType = Sym("application/json"),
            ContentEncoding = Sym("gzip"),
            AbsoluteExpiryTime = new AmqpTimestamp(1_700_000_000_000),
            CreationTime = new AmqpTimestamp(1_699_999_999_000),
            GroupId = "group-1",
            GroupSequence = 5,
            ReplyToGroupId = "group-2",
        },
        ["properties-minimal"] = () => new MessageProperties(),
    };

    public static IEnumerable<string> PerformativeNames => PerformativeFactories.Keys;

    public static IEnumerable<string> CompositeNames => CompositeFactories.Keys;

    public static TheoryData<string> Performatives => [.. PerformativeFactories.Keys];

    public static TheoryData<string> Composites => [.. CompositeFactories.Keys];

    public static Performative Performative(string name) => PerformativeFactories[name]();

    public static AmqpComposite Composite(string name) => CompositeFactories[name]();

    public static AmqpSymbol Sym(string value) => new(value);

    public static Error FullError() => new(Sym("amqp:not-found"), "Queue 'orders' does not exist.")
    {
        Info = new AmqpMap { { Sym("address"), "queue://orders" } },
    };

    public static Source FullSource() => new()
    {
        Address = "queue://orders",
        Durable = TerminusDurability.UnsettledState,
        ExpiryPolicy = TerminusExpiryPolicy.Never,
        Timeout = 60,
        Dynamic = true,
        DynamicNodeProperties = new AmqpMap { { Sym("lifetime-policy"), new AmqpDescribed(new AmqpDescriptor(0x2b), new AmqpList()) } },
        DistributionMode = Sym("copy"),
        Filter = new AmqpMap
        {
            { Sym("jms-selector"), new AmqpDescribed(new AmqpDescriptor(Sym("apache.org:selector-filter:string")), "color = 'red'") },
        },
        DefaultOutcome = new Modified { DeliveryFailed = true },
        Outcomes = [Sym("amqp:accepted:list"), Sym("amqp:rejected:list")],
        Capabilities = [Sym("queue")],
    };

    public static Target FullTarget() => new()
    {
        Address = "topic://prices",
        Durable = TerminusDurability.Configuration,
        ExpiryPolicy = TerminusExpiryPolicy.LinkDetach,
        Timeout = 5,
        Dynamic = true,
        DynamicNodeProperties = new AmqpMap { { Sym("supported-dist-modes"), Sym("move") } },
        Capabilities = [Sym("topic")],
    };
}
