"""A long-running MQTT 3.1.1 client for the cluster failure tests (paho-mqtt 1.6.x, run with /usr/bin/python3).

Two modes, both with a persistent session (clean session 0) and a list of gateway ports it rotates through: after
any disconnection, a refused TCP connect or a CONNACK that does not come, it connects to the next port and resumes
the session there (paho resends its unacknowledged QoS 1 PUBLISHes with DUP set).

  pub: publishes QoS 1 messages whose payload is "<name>:<seq>" (seq 1, 2, 3, ... never reused), one every
       --interval seconds, at most --window unacknowledged, until --stop-file exists; then waits up to --drain
       seconds for the outstanding PUBACKs and exits.
  sub: subscribes to --topic at QoS 1 (again on every connection whose CONNACK says no session is present) and
       records every message; after --stop-file exists it exits once nothing arrived for --quiet seconds.

Everything goes to --log, one line per event, written and flushed before paho answers the packet (so a message is
recorded before its PUBACK leaves), times in Unix milliseconds:

  C <t> <port> <session_present>     CONNACK 0 received on <port>
  X <t> <port> <why>                 a connection attempt failed (refused, closed before CONNACK, CONNACK timeout or code)
  D <t> <port> <rc>                  an established connection was lost / closed
  S <t> <id> <seq>                   pub: PUBLISH handed to paho for the first time
  F <t> <id>                         pub: <id> was unacknowledged when the connection was lost (paho resends it)
  A <t> <id>                         pub: PUBACK received for <id>
  U <t> <granted>                    sub: SUBACK
  R <t> <id> <dup> <qos>             sub: message received (payload <id>)
  E <t> <text>                       the end, with a summary
"""
import os
import socket
import sys
import time

import paho.mqtt.client as mqtt

from cluster_events import Log, argument_parser


def main():
    p = argument_parser(__doc__, "comma-separated gateway ports, tried in this order", "the MQTT client id", "the topic",
                        "how long a CONNACK may stay unanswered")
    p.add_argument("--keepalive", type=int, default=10)
    args = p.parse_args()

    ports = [int(x) for x in args.ports.split(",") if x]
    log = Log(args.log)
    hard_deadline = time.monotonic() + args.timeout

    client = mqtt.Client(client_id=args.client_id, clean_session=False, protocol=mqtt.MQTTv311)
    # paho's own queue is never the limit: this script keeps at most --window messages outstanding.
    client.max_inflight_messages_set(max(args.window, 1) + 5)
    client.max_queued_messages_set(0)

    st = {
        "port_index": 0,
        "connected": False,
        "connecting_since": None,
        "port": None,
        "subscribed_once": False,
        "last_message": time.monotonic(),
        "attempts": 0,
        "failures": 0,          # consecutive failed attempts: the next one waits (0, 0.1, 0.2, ... 1 s)
        "next_attempt": 0.0,
    }
    mids = {}          # pub: paho mid -> id
    unacked = {}       # pub: id -> mid (insertion ordered)
    received = [0]

    def on_connect(c, userdata, flags, rc):
        if rc != 0:
            log.write("X", st["port"], "connack-%d" % rc)
            failed()
            return
        sp = int(flags.get("session present", 0))
        st["connected"] = True
        st["connecting_since"] = None
        st["failures"] = 0
        log.write("C", st["port"], sp)
        if args.mode == "sub" and (not sp or not st["subscribed_once"]):
            c.subscribe(args.topic, qos=1)

    def failed():
        st["connecting_since"] = None
        st["failures"] += 1
        st["port_index"] += 1
        st["next_attempt"] = time.monotonic() + min(0.1 * (2 ** (st["failures"] - 2)), 1.0) if st["failures"] > 1 else 0.0

    def on_disconnect(c, userdata, rc):
        was = st["connected"]
        if not was and st["connecting_since"] is None:
            return  # already accounted for
        st["connected"] = False
        if was:
            st["connecting_since"] = None
            st["port_index"] += 1  # rotate to the next gateway after any disconnection
            log.write("D", st["port"], rc)
            if args.mode == "pub":
                for ident in unacked:
                    log.write("F", ident)
        else:
            log.write("X", st["port"], "closed-before-connack-%s" % rc)
            failed()

    def on_subscribe(c, userdata, mid, granted):
        st["subscribed_once"] = True
        log.write("U", ",".join(str(g) for g in granted))

    def on_message(c, userdata, msg):
        received[0] += 1
        st["last_message"] = time.monotonic()
        try:
            ident = msg.payload.decode("utf-8")
        except UnicodeDecodeError:
            ident = msg.payload.hex()
        log.write("R", ident.replace(" ", "_"), int(msg.dup), msg.qos)

    def on_publish(c, userdata, mid):
        ident = mids.pop(mid, None)
        if ident is not None:
            unacked.pop(ident, None)
            log.write("A", ident)

    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    client.on_subscribe = on_subscribe
    client.on_message = on_message
    client.on_publish = on_publish

    def try_connect():
        port = ports[st["port_index"] % len(ports)]
        st["port"] = port
        st["attempts"] += 1
        try:
            client.connect(args.host, port, keepalive=args.keepalive)
            st["connecting_since"] = time.monotonic()
            return True
        except (OSError, socket.error) as e:
            log.write("X", port, type(e).__name__)
            failed()
            return False

    seq = 0
    next_publish = time.monotonic()
    stop_seen_at = None
    while time.monotonic() < hard_deadline:
        now = time.monotonic()
        stopping = os.path.exists(args.stop_file)
        if stopping and stop_seen_at is None:
            stop_seen_at = now
            st["last_message"] = max(st["last_message"], stop_seen_at)
        if stopping:
            if args.mode == "pub" and (not unacked or now - stop_seen_at > args.drain):
                break
            if args.mode == "sub" and now - st["last_message"] > args.quiet:
                break

        if not st["connected"] and st["connecting_since"] is None:
            if now >= st["next_attempt"]:
                try_connect()
            if st["connecting_since"] is None:
                time.sleep(0.01)
                continue
        if st["connecting_since"] is not None and now - st["connecting_since"] > args.connack_timeout:
            log.write("X", st["port"], "connack-timeout")
            try:
                client._sock_close()  # noqa: SLF001 - drop the half-open attempt; reconnect() builds a new socket
            except Exception:  # noqa: BLE001
                pass
            failed()
            continue

        if args.mode == "pub" and not stopping and st["connected"] and len(unacked) < args.window and now >= next_publish:
            seq += 1
            ident = "%s:%d" % (args.name, seq)
            info = client.publish(args.topic, ident.encode("utf-8"), qos=1)
            mids[info.mid] = ident
            unacked[ident] = info.mid
            log.write("S", ident, seq)
            next_publish = max(next_publish + args.interval, now - args.interval)

        rc = client.loop(timeout=0.01)
        if rc != mqtt.MQTT_ERR_SUCCESS and (st["connected"] or st["connecting_since"] is not None):
            # loop() reports a lost connection with an error code; make sure it is accounted for.
            on_disconnect(client, None, rc)

    if args.mode == "pub":
        log.write("E", "published=%d unacked=%d attempts=%d" % (seq, len(unacked), st["attempts"]))
        for ident in unacked:
            log.write("F", ident)
    else:
        log.write("E", "received=%d attempts=%d" % (received[0], st["attempts"]))
    try:
        if st["connected"]:
            client.disconnect()
            client.loop(timeout=0.5)
    except Exception:  # noqa: BLE001
        pass
    return 0


if __name__ == "__main__":
    sys.exit(main())
