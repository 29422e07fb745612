"""A qpid-proton (Debian python3-qpid-proton) AMQP 1.0 client for the interop tests.

Prints one JSON object per line: {"event": ..., ...}. Commands:
  send      send --count messages to --address, waiting for each outcome unless --settled
  receive   receive --count messages from --address with --credit, settling each with --outcome
  request   a dynamic receiver (temporary reply queue) + a request carrying it as reply-to; waits for the reply
  serve     answer --count requests from --address by sending each body back to its reply-to
  drain     give --credit, drain, report what arrived and the credit left
  relay     on one anonymous-relay link (a target without address), send one message per --to ("ADDRESS" or
            "ADDRESS|N" with N the x-opt-jms-dest annotation; "" for no 'to'), reporting each outcome
  open      connect and report the broker's offered capabilities
  temp      as Qpid JMS creates a temporary queue/topic: a sender with a dynamic target (--capability temporary-queue
            or temporary-topic), then a receiver and a sender on the address returned; --count messages go round

--capability SYMBOL (repeatable) puts the JMS node-type capabilities on the link's source/target (send, receive,
request's dynamic receiver); --browse makes a receiver a browser (distribution-mode copy).
  txn       a local transaction (--discharge commit|rollback|none): send --count messages to --address under it, or
            with --receive-from receive --count messages and accept them under it (both: consume-transform-produce);
            --txn-id HEX sends/discharges under that id instead of the declared one (an unknown transaction);
            --discharge none closes the connection with the transaction open; with --to (repeatable) instead of
            --address the sends go over the anonymous relay, message i to the (i mod n)th --to
"""
import argparse
import hashlib
import json
import sys
import time

from proton import Message, symbol, Delivery, Condition, Data, Terminus
from proton import ConnectionException
from proton.utils import BlockingConnection, SendException, LinkDetached
from proton.handlers import TransactionHandler
from proton.reactor import AtMostOnce, AtLeastOnce, Copy, DurableSubscription, DynamicNodeProperties, Filter, LinkOption, Selector


class Capabilities(LinkOption):
    """The terminus capabilities Qpid JMS sends (an array of symbols) on the source of a receiver, the target of a sender."""

    def __init__(self, names):
        self.names = names

    def apply(self, link):
        terminus = link.target if link.is_sender else link.source
        terminus.capabilities.put_array(False, Data.SYMBOL)
        terminus.capabilities.enter()
        for name in self.names:
            terminus.capabilities.put_symbol(symbol(name))
        terminus.capabilities.exit()


def symbols_of(data):
    """A capabilities field (a symbol or an array of symbols) as a list of strings."""
    if data is None:
        return []
    data.rewind()
    if not data.next():
        return []
    value = data.get_object()
    if hasattr(value, "elements"):
        return [str(v) for v in value.elements]
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    return [str(value)] if value is not None else []


def link_options(args, *extra):
    options = [o for o in extra if o is not None]
    if args.capability:
        options.append(Capabilities(args.capability))
    return options or None


def emit(event, **fields):
    fields["event"] = event
    print(json.dumps(fields), flush=True)


def connect(args):
    url = "%s://%s:%d" % ("amqps" if args.ssl_ca else "amqp", args.host, args.port)
    kwargs = {"timeout": args.timeout}
    if args.ssl_ca:
        from proton import SSLDomain
        domain = SSLDomain(SSLDomain.MODE_CLIENT)
        domain.set_trusted_ca_db(args.ssl_ca)
        domain.set_peer_authentication(SSLDomain.VERIFY_PEER)  # the CA must have signed it; the name is the test's IP
        kwargs["ssl_domain"] = domain
    if args.user is not None:
        kwargs["user"] = args.user
        kwargs["password"] = args.password
        kwargs["allowed_mechs"] = "PLAIN"
        kwargs["allow_insecure_mechs"] = True
    if args.container_id:
        kwargs["container"] = None
        from proton.reactor import Container
        kwargs["container"] = Container()
        kwargs["container"].container_id = args.container_id
    try:
        conn = BlockingConnection(url, **kwargs)
    except ConnectionException as e:
        emit("connection-error", error=str(e))
        sys.exit(3)
    emit("connected")
    return conn


def body_of(args, i):
    if args.file:
        with open(args.file, "rb") as f:
            data = f.read()
        return memoryview(data).tobytes()
    if args.body == "string":
        return "message %d" % i
    if args.body == "map":
        return {"i": i, "text": "message %d" % i}
    return ("message %d " % i).encode() + b"x" * max(0, args.size - 12)


def describe(message, delivery_count=None):
    body = message.body
    if isinstance(body, (bytes, bytearray, memoryview)):
        kind, text, hexed = "binary", None, bytes(body).hex() if len(body) <= 4096 else None
        length = len(body)
        digest = hashlib.sha256(bytes(body)).hexdigest()
    elif isinstance(body, str):
        kind, text, hexed, length = "string", body, None, len(body)
        digest = None
    else:
        kind, text, hexed, length = type(body).__name__, repr(body), None, None
        digest = None
    return {
        "body_kind": kind, "text": text, "hex": hexed, "length": length, "sha256": digest,
        "properties": {k: (v if isinstance(v, (int, float, str, bool)) or v is None else str(v)) for k, v in (message.properties or {}).items()},
        "durable": message.durable, "priority": message.priority, "ttl": message.ttl,
        "first_acquirer": message.first_acquirer, "delivery_count": message.delivery_count,
        "id": str(message.id) if message.id is not None else None,
        "correlation_id": str(message.correlation_id) if message.correlation_id is not None else None,
        "content_type": str(message.content_type) if message.content_type else None,
        "reply_to": message.reply_to, "subject": message.subject,
        "annotations": {str(k): str(v) for k, v in (message.annotations or {}).items()},
    }


def cmd_send(args):
    conn = connect(args)
    try:
        sender = conn.create_sender(args.address, options=link_options(args, AtMostOnce() if args.settled else AtLeastOnce()))
    except LinkDetached as e:
        emit("attach-error", condition=e.link.remote_condition.name if e.link.remote_condition else None,
             description=e.link.remote_condition.description if e.link.remote_condition else None)
        conn.close()
        sys.exit(4)
    emit("attached", capabilities=symbols_of(sender.link.remote_target.capabilities))
    props = json.loads(args.properties) if args.properties else None
    accepted = rejected = 0
    started = time.time()
    for i in range(args.count):
        m = Message(body=body_of(args, i), durable=args.durable)
        if props:
            m.properties = dict(props, seq=i)
        else:
            m.properties = {"seq": i}
        if args.priority is not None:
            m.priority = args.priority
        if args.ttl is not None:
            m.ttl = args.ttl
        if args.content_type:
            m.content_type = symbol(args.content_type)
        if args.correlation_id:
            m.correlation_id = args.correlation_id
        if args.reply_to:
            m.reply_to = args.reply_to
        if args.message_id:
            m.id = args.message_id
        try:
            sender.send(m, timeout=args.timeout)
            accepted += 1
        except SendException as e:
            rejected += 1
            emit("rejected", seq=i, state=str(e.state))
    emit("sent", accepted=accepted, rejected=rejected, seconds=time.time() - started,
         sha256=hashlib.sha256(body_of(args, 0)).hexdigest() if args.file else None)
    conn.close()


def cmd_receive(args):
    conn = connect(args)
    options = []
    if args.selector:
        options.append(Selector(args.selector))
    if args.durable_subscription:
        options.append(DurableSubscription())
    if args.browse:
        options.append(Copy())
    try:
        receiver = conn.create_receiver(args.address, credit=args.credit, name=args.link_name,
                                        options=link_options(args, *options))
    except LinkDetached as e:
        emit("attach-error", condition=e.link.remote_condition.name if e.link.remote_condition else None,
             description=e.link.remote_condition.description if e.link.remote_condition else None)
        conn.close()
        sys.exit(4)
    source = receiver.link.remote_source
    emit("attached", address=source.address, capabilities=symbols_of(source.capabilities),
         distribution_mode={Terminus.DIST_MODE_COPY: "copy", Terminus.DIST_MODE_MOVE: "move"}.get(source.distribution_mode))
    got = 0
    while args.count < 0 or got < args.count:
        try:
            m = receiver.receive(timeout=args.receive_timeout)
        except Exception:
            break
        got += 1
        emit("message", **describe(m))
        if args.outcome == "accept":
            receiver.accept()
        elif args.outcome == "reject":
            receiver.reject()
        elif args.outcome == "release":
            receiver.release(delivered=False)
        elif args.outcome in ("modify", "modify-failed", "modify-undeliverable"):
            d = receiver.fetcher.unsettled.popleft()
            d.local.failed = args.outcome == "modify-failed"
            d.local.undeliverable = args.outcome == "modify-undeliverable"
            d.update(Delivery.MODIFIED)
            d.settle()
        elif args.outcome == "none":
            pass
    emit("received", count=got)
    if args.close_link:
        receiver.close()
    else:
        receiver.detach()
    conn.close()


def cmd_request(args):
    conn = connect(args)
    replies = conn.create_receiver(None, dynamic=True, credit=10, options=link_options(args))
    reply_to = replies.link.remote_source.address
    emit("dynamic", address=reply_to, capabilities=symbols_of(replies.link.remote_source.capabilities))
    sender = conn.create_sender(args.address)
    for i in range(args.count):
        sender.send(Message(body="request %d" % i, reply_to=reply_to, correlation_id="c%d" % i))
    for i in range(args.count):
        m = replies.receive(timeout=args.receive_timeout)
        emit("reply", **describe(m))
        replies.accept()
    replies.close()
    conn.close()


def cmd_serve(args):
    conn = connect(args)
    requests = conn.create_receiver(args.address, credit=10)
    emit("attached")
    sender = conn.create_sender(None) if False else None
    senders = {}
    for i in range(args.count):
        m = requests.receive(timeout=args.receive_timeout)
        if m.reply_to not in senders:
            senders[m.reply_to] = conn.create_sender(m.reply_to)
        senders[m.reply_to].send(Message(body="reply to " + str(m.body), correlation_id=m.correlation_id))
        requests.accept()
        emit("served", reply_to=m.reply_to)
    conn.close()


def cmd_drain(args):
    conn = connect(args)
    receiver = conn.create_receiver(args.address, credit=0, options=Copy() if args.browse else None)
    link = receiver.link
    link.drain(args.credit)
    deadline = time.time() + args.timeout
    conn.wait(lambda: not link.draining(), timeout=args.timeout, msg="drain to complete")
    conn.wait(lambda: link.queued == 0, timeout=args.timeout, msg="the drained deliveries to be fetched")
    credit = link.credit  # before receive(), which asks for one more when the credit is 0
    got = len(receiver.fetcher.incoming)
    for _ in range(got):
        receiver.receive(timeout=1)
        receiver.accept()
    emit("drained", received=got, credit=credit)
    conn.close()


def cmd_relay(args):
    conn = connect(args)
    sender = conn.create_sender(None, options=AtLeastOnce())  # the anonymous relay: the target has no address
    emit("attached", target_address=sender.link.remote_target.address)
    for i, spec in enumerate(args.to):
        address, _, dest = spec.partition("|")
        m = Message(body="message %d" % i, properties={"seq": i})
        if address:
            m.address = address
        if dest:
            m.annotations = {symbol("x-opt-jms-dest"): int(dest)}
        delivery = sender.link.send(m)
        conn.wait(lambda: delivery.settled or delivery.remote_state in (Delivery.ACCEPTED, Delivery.REJECTED, Delivery.RELEASED),
                  timeout=args.timeout, msg="the outcome of message %d" % i)
        condition = delivery.remote.condition
        emit("outcome", seq=i, to=address,
             state={Delivery.ACCEPTED: "accepted", Delivery.REJECTED: "rejected", Delivery.RELEASED: "released"}.get(delivery.remote_state, str(delivery.remote_state)),
             condition=condition.name if condition else None, description=condition.description if condition else None)
        delivery.settle()
    conn.close()


class DynamicTarget(LinkOption):
    def apply(self, link):
        link.target.dynamic = True


def cmd_temp(args):
    conn = connect(args)
    creator = conn.create_sender(None, options=link_options(args, DynamicTarget()))
    address = creator.link.remote_target.address
    emit("dynamic", address=address, capabilities=symbols_of(creator.link.remote_target.capabilities))
    receiver = conn.create_receiver(address, credit=args.credit, options=link_options(args))
    sender = conn.create_sender(address, options=link_options(args))
    for i in range(args.count):
        sender.send(Message(body="message %d" % i), timeout=args.timeout)
    for i in range(args.count):
        emit("message", **describe(receiver.receive(timeout=args.receive_timeout)))
        receiver.accept()
    creator.close()
    conn.close()


def cmd_open(args):
    conn = connect(args)
    offered = conn.conn.remote_offered_capabilities
    emit("open", offered=[str(c) for c in offered.elements] if hasattr(offered, "elements") else
         ([str(c) for c in offered] if isinstance(offered, (list, tuple)) else ([str(offered)] if offered else [])))

def condition_of(delivery):
    c = delivery.remote.condition
    return (str(c.name), c.description) if c is not None else (None, None)


def cmd_txn(args):
    conn = connect(args)
    state = {}

    class Handler(TransactionHandler):
        def on_transaction_declared(self, event):
            state["declared"] = True

        def on_transaction_declare_failed(self, event):
            state["done"] = "declare-failed"
            state["condition"] = condition_of(event.delivery)

        def on_transaction_committed(self, event):
            state["done"] = "committed"

        def on_transaction_aborted(self, event):
            state["done"] = "rolled-back"

        def on_transaction_commit_failed(self, event):
            state["done"] = "commit-failed"
            state["condition"] = condition_of(event.delivery)

    txn = conn.container.declare_transaction(conn.conn, handler=Handler())
    conn.wait(lambda: "declared" in state or "done" in state, timeout=args.timeout, msg="the transaction to be declared")
    if "done" in state:
        name, description = state.get("condition", (None, None))
        emit("declare-failed", condition=name, description=description)
        conn.close()
        return
    emit("declared", txn_id=bytes(txn.id).hex())
    if args.txn_id:
        txn.id = bytes.fromhex(args.txn_id)
    received = 0
    if args.receive_from:
        receiver = conn.create_receiver(args.receive_from, credit=args.credit)
        for i in range(args.count):
            try:
                m = receiver.receive(timeout=args.receive_timeout)
            except Exception:
                break
            received += 1
            emit("message", **describe(m))
            txn.accept(receiver.fetcher.unsettled.popleft())
    sent = []
    if args.address or args.to:
        sender = conn.create_sender(args.address or None)  # with --to: the anonymous relay, each message to the next --to
        for i in range(args.count if not args.receive_from else received):
            conn.wait(lambda: sender.link.credit > 0, timeout=args.timeout, msg="credit")
            m = Message(body=body_of(args, i), durable=True)
            m.properties = {"seq": i}
            if args.to:
                m.address = args.to[i % len(args.to)]
            sent.append(txn.send(sender.link, m))
        for i, d in enumerate(sent):
            conn.wait(lambda: d.remote_state != 0 or d.settled, timeout=args.timeout, msg="the transactional send's outcome")
            data = d.remote.data
            outcome = None
            if d.remote_state == 0x34 and data and len(data) > 1 and data[1] is not None:
                outcome = str(data[1].descriptor) if hasattr(data[1], "descriptor") else str(data[1])
            name, description = condition_of(d)
            emit("sent", seq=i, state=d.remote_state, outcome=outcome, condition=name, description=description)
    if args.discharge == "none":
        emit("closing", received=received, sent=len(sent))
        conn.close()
        return
    if args.discharge == "commit":
        txn.commit()
    else:
        txn.abort()
    conn.wait(lambda: "done" in state, timeout=args.timeout, msg="the discharge")
    name, description = state.get("condition", (None, None))
    emit("discharged", result=state["done"], condition=name, description=description, received=received, sent=len(sent))
    conn.close()


def main():
    p = argparse.ArgumentParser()
    p.add_argument("command")
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--address")
    p.add_argument("--count", type=int, default=1)
    p.add_argument("--size", type=int, default=16)
    p.add_argument("--body", default="binary")
    p.add_argument("--file")
    p.add_argument("--settled", action="store_true")
    p.add_argument("--durable", action="store_true")
    p.add_argument("--priority", type=int)
    p.add_argument("--ttl", type=float)
    p.add_argument("--content-type")
    p.add_argument("--correlation-id")
    p.add_argument("--reply-to")
    p.add_argument("--message-id")
    p.add_argument("--properties")
    p.add_argument("--credit", type=int, default=10)
    p.add_argument("--outcome", default="accept")
    p.add_argument("--selector")
    p.add_argument("--durable-subscription", action="store_true")
    p.add_argument("--link-name")
    p.add_argument("--container-id")
    p.add_argument("--close-link", action="store_true")
    p.add_argument("--receive-timeout", type=float, default=10)
    p.add_argument("--timeout", type=float, default=30)
    p.add_argument("--ssl-ca")
    p.add_argument("--user")
    p.add_argument("--password")
    p.add_argument("--capability", action="append")
    p.add_argument("--browse", action="store_true")
    p.add_argument("--to", action="append", default=[])
    p.add_argument("--discharge", default="commit")
    p.add_argument("--receive-from")
    p.add_argument("--txn-id")
    args = p.parse_args()
    {"send": cmd_send, "receive": cmd_receive, "request": cmd_request, "serve": cmd_serve, "drain": cmd_drain,
     "relay": cmd_relay, "open": cmd_open, "temp": cmd_temp, "txn": cmd_txn}[args.command](args)


if __name__ == "__main__":
    main()
