"""Subscribes and prints every message it receives as a JSON line.

Events: {"event": "connack", "rc": N, "session_present": b}, {"event": "ready"} once every SUBACK arrived,
{"event": "message", "topic" (server topic aliases resolved), "wire_topic" (as sent), "payload" (hex), "qos",
"retain", "properties"}, {"event": "disconnected", "rc": N},
{"event": "done", "reason": "count" | "timeout" | "disconnected" | "refused"}.
Exits after --count messages (and --linger seconds), on disconnection, a refused CONNACK, or --timeout.
"""
import time

import mqttcommon as mc


def main():
    p = mc.parser(__doc__)
    p.add_argument("--topic", action="append", default=[], help="topic filter; repeatable")
    p.add_argument("--qos", type=int, default=1)
    p.add_argument("--count", type=int, default=0, help="exit after this many messages (0: run until --timeout)")
    p.add_argument("--linger", type=float, default=0.0,
                   help="after --count messages, keep receiving this many seconds (extra messages show up)")
    args = p.parse_args()

    state = {"suback": 0, "messages": 0, "refused": False, "disconnected": False}
    client = mc.make_client(args)
    aliases = mc.TopicAliases()

    def on_connect(c, userdata, flags, rc, properties=None):
        code = mc.reason_value(rc)
        mc.emit("connack", rc=code, session_present=bool(flags.get("session present", 0)))
        if code != 0:
            state["refused"] = True
            return
        if args.topic:
            c.subscribe([(t, args.qos) for t in args.topic])
        else:
            mc.emit("ready")

    def on_subscribe(c, userdata, mid, granted, properties=None):
        state["suback"] += 1
        mc.emit("ready", granted=[mc.reason_value(g) for g in granted])

    def on_message(c, userdata, msg):
        state["messages"] += 1
        props = mc.properties_json(getattr(msg, "properties", None)) if mc.is_v5(args) else {}
        mc.emit("message", topic=aliases.resolve(msg), wire_topic=msg.topic, payload=msg.payload.hex(), qos=msg.qos,
                retain=bool(msg.retain), dup=bool(msg.dup), properties=props)

    def on_disconnect(c, userdata, rc, properties=None):
        state["disconnected"] = True
        mc.emit("disconnected", rc=mc.reason_value(rc))

    client.on_connect = on_connect
    client.on_subscribe = on_subscribe
    client.on_message = on_message
    client.on_disconnect = on_disconnect
    mc.connect(client, args)

    deadline = time.monotonic() + args.timeout
    finished = mc.run_until(
        [client],
        lambda: state["refused"] or state["disconnected"] or (args.count > 0 and state["messages"] >= args.count),
        deadline)
    if finished and args.linger > 0 and not state["refused"] and not state["disconnected"]:
        mc.run_until([client], lambda: state["disconnected"], time.monotonic() + args.linger)
    if not finished:
        reason = "timeout"
    elif state["refused"]:
        reason = "refused"
    elif state["disconnected"]:
        reason = "disconnected"
    else:
        reason = "count"
    if reason in ("count", "timeout"):
        client.disconnect()
        mc.run_until([client], lambda: state["disconnected"], time.monotonic() + 2)
    mc.emit("done", reason=reason, messages=state["messages"])


if __name__ == "__main__":
    main()
