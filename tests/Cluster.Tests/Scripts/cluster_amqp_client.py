"""A long-running AMQP 1.0 client for the cluster failure tests (Debian's python3-qpid-proton, /usr/bin/python3).

The AMQP counterpart of cluster_client.py, with the same arguments and the same events file, so the tests analyse
both alike. It rotates through a list of gateway ports: after any disconnection, a refused TCP connect or an open
that is not answered, it connects to the next port (each connection is a fresh proton Container run).

  pub: a sender on --topic (an address such as /queues/NAME) sends durable messages, unsettled, whose body is the
       string "<name>:<seq>" (seq 1, 2, 3, ... never reused), one every --interval seconds, at most --window not yet
       accepted. A message that was not accepted when its connection was lost, or that came back released, modified
       or rejected, is sent again (same id) on the next connection. After --stop-file exists it sends nothing new,
       waits up to --drain seconds for the outstanding outcomes and exits.
  sub: a receiver on --topic with credit 100 that records every message and then accepts it; after --stop-file
       exists it exits once nothing arrived for --quiet seconds.

Events, one line each, written and flushed before the client answers (a message is recorded before it is
accepted), times in Unix milliseconds:

  C <t> <port> 1                     the connection and its link were opened on <port> (a queue keeps its messages
                                     across connections, so "session present" is always 1)
  X <t> <port> <why>                 a connection attempt failed (refused, closed, no answer)
  D <t> <port> <why>                 an established connection was lost / closed
  S <t> <id> <seq>                   pub: message sent for the first time
  F <t> <id>                         pub: <id> had no accepted outcome when the connection was lost, or came back
                                     released / modified / rejected; it is sent again
  A <t> <id>                         pub: accepted
  U <t> attached                     sub: the receiver's attach was answered
  R <t> <id> <dup> 1                 sub: message received; dup = 1 when its delivery-count is above 0
  E <t> <text>                       the end, with a summary
"""
import os
import sys
import time
from collections import OrderedDict

from proton import Message
from proton.handlers import MessagingHandler
from proton.reactor import Container

from cluster_events import Log, argument_parser


class State:
    """What survives from one connection to the next."""

    def __init__(self):
        self.seq = 0
        self.unaccepted = OrderedDict()  # id -> seq: sent, no accepted outcome yet
        self.resend = OrderedDict()      # id -> seq: to send again on the next chance
        self.received = 0
        self.last_message = time.monotonic()
        self.stop_seen_at = None
        self.attempts = 0
        self.done = False


class OneConnection(MessagingHandler):
    """Runs one connection to one port until it is lost, refused or the client is done."""

    TICK = 0.01

    def __init__(self, args, port, state, log):
        super().__init__(prefetch=0 if args.mode == "pub" else 100, auto_accept=False, auto_settle=True)
        self.args = args
        self.port = port
        self.st = state
        self.log = log
        self.opened = False
        self.ended = False
        self.started = time.monotonic()
        self.link = None
        self.conn = None
        self.in_flight = {}  # delivery tag -> id (this connection's deliveries)
        self.next_publish = time.monotonic()

    # --- lifecycle ---------------------------------------------------------------------------------------------
    def on_start(self, event):
        self.conn = event.container.connect("amqp://127.0.0.1:%d" % self.port, reconnect=False, heartbeat=10,
                                            allowed_mechs="ANONYMOUS PLAIN", sasl_enabled=True)
        if self.args.mode == "pub":
            self.link = event.container.create_sender(self.conn, self.args.topic)
        else:
            self.link = event.container.create_receiver(self.conn, self.args.topic)
        event.container.schedule(self.TICK, self)

    def on_link_opened(self, event):
        if event.link.name == self.link.name and not self.opened:
            self.opened = True
            self.log.write("C", self.port, 1)
            if self.args.mode == "sub":
                self.log.write("U", "attached")

    def finish(self, event, why):
        """Ends this connection: a D event when it was established, else an X event."""
        if self.ended:
            return
        self.ended = True
        self.log.write("D" if self.opened else "X", self.port, why)
        for ident, seq in self.st.unaccepted.items():
            if ident not in self.st.resend:
                self.log.write("F", ident)
                self.st.resend[ident] = seq
        self.st.unaccepted.clear()
        event.container.stop()

    def on_transport_error(self, event):
        cond = event.transport.condition
        self.finish(event, (cond.name if cond else "transport-error").replace(" ", "_"))

    def on_connection_error(self, event):
        cond = event.connection.remote_condition
        self.finish(event, (cond.name if cond else "connection-error").replace(" ", "_"))

    def on_link_error(self, event):
        cond = event.link.remote_condition
        self.finish(event, ("link-" + (cond.name if cond else "error")).replace(" ", "_"))

    def on_session_error(self, event):
        self.finish(event, "session-error")

    def on_disconnected(self, event):
        self.finish(event, "disconnected")

    # --- the periodic tick: stop file, open timeout, pacing ------------------------------------------------------
    def on_timer_task(self, event):
        if self.ended:
            return
        now = time.monotonic()
        if os.path.exists(self.args.stop_file) and self.st.stop_seen_at is None:
            self.st.stop_seen_at = now
            self.st.last_message = max(self.st.last_message, now)
        stopping = self.st.stop_seen_at is not None
        if stopping:
            if self.args.mode == "pub" and ((not self.st.unaccepted and not self.st.resend) or now - self.st.stop_seen_at > self.args.drain):
                self.st.done = True
            if self.args.mode == "sub" and now - self.st.last_message > self.args.quiet:
                self.st.done = True
        if self.st.done:
            self.ended = True
            if self.conn is not None:
                self.conn.close()
            event.container.stop()
            return
        if not self.opened and now - self.started > self.args.connack_timeout:
            self.finish(event, "open-timeout")
            return
        if self.args.mode == "pub" and self.opened:
            self.pump(now, stopping)
        event.container.schedule(self.TICK, self)

    def on_sendable(self, event):
        if self.args.mode == "pub" and self.opened and not self.ended:
            self.pump(time.monotonic(), self.st.stop_seen_at is not None)

    def pump(self, now, stopping):
        sender = self.link
        while self.st.resend and sender.credit > 0:
            ident, seq = self.st.resend.popitem(last=False)
            self.send(ident, seq)
        while (not stopping and sender.credit > 0 and len(self.st.unaccepted) < self.args.window and now >= self.next_publish):
            self.st.seq += 1
            ident = "%s:%d" % (self.args.name, self.st.seq)
            self.log.write("S", ident, self.st.seq)
            self.send(ident, self.st.seq)
            self.next_publish = max(self.next_publish + self.args.interval, now - self.args.interval)

    def send(self, ident, seq):
        delivery = self.link.send(Message(body=ident, durable=True))
        self.in_flight[delivery.tag] = ident
        self.st.unaccepted[ident] = seq

    # --- outcomes (pub) -------------------------------------------------------------------------------------------
    def on_accepted(self, event):
        ident = self.in_flight.pop(event.delivery.tag, None)
        if ident is not None and self.st.unaccepted.pop(ident, None) is not None:
            self.log.write("A", ident)

    def not_accepted(self, event):
        ident = self.in_flight.pop(event.delivery.tag, None)
        if ident is not None:
            seq = self.st.unaccepted.pop(ident, None)
            if seq is not None:
                self.log.write("F", ident)
                self.st.resend[ident] = seq

    def on_rejected(self, event):
        self.not_accepted(event)

    def on_released(self, event):
        self.not_accepted(event)

    def on_modified(self, event):
        self.not_accepted(event)

    # --- messages (sub) -------------------------------------------------------------------------------------------
    def on_message(self, event):
        self.st.received += 1
        self.st.last_message = time.monotonic()
        body = event.message.body
        ident = body if isinstance(body, str) else repr(body)
        dup = 1 if (event.message.delivery_count or 0) > 0 else 0
        self.log.write("R", ident.replace(" ", "_"), dup, 1)
        self.accept(event.delivery)


def main():
    p = argument_parser(__doc__, "comma-separated gateway AMQP ports, tried in this order", "the AMQP container id",
                        "the node address, e.g. /queues/NAME", "how long an open may stay unanswered")
    args = p.parse_args()

    ports = [int(x) for x in args.ports.split(",") if x]
    log = Log(args.log)
    st = State()
    deadline = time.monotonic() + args.timeout
    index = 0
    failures = 0
    while not st.done and time.monotonic() < deadline:
        port = ports[index % len(ports)]
        st.attempts += 1
        handler = OneConnection(args, port, st, log)
        container = Container(handler)
        container.container_id = args.client_id
        try:
            container.run()
        except Exception as e:  # noqa: BLE001 - any failure of this connection: record it and move on
            log.write("X", port, type(e).__name__)
        if st.done:
            break
        index += 1
        failures = 0 if handler.opened else failures + 1
        if failures > 1:
            time.sleep(min(0.1 * (2 ** (failures - 2)), 1.0))
        if os.path.exists(args.stop_file) and args.mode == "pub" and st.stop_seen_at is not None \
                and time.monotonic() - st.stop_seen_at > args.drain:
            break

    if args.mode == "pub":
        for ident in list(st.unaccepted) + [i for i in st.resend if i not in st.unaccepted]:
            log.write("F", ident)
        log.write("E", "published=%d unaccepted=%d attempts=%d" % (st.seq, len(st.unaccepted) + len(st.resend), st.attempts))
    else:
        log.write("E", "received=%d attempts=%d" % (st.received, st.attempts))
    return 0


if __name__ == "__main__":
    sys.exit(main())
