"""Publishes messages and waits until each is acknowledged (QoS 1/2) or written (QoS 0).

Messages: --topic with --payload, --payload-hex or --payload-file, --repeat N times (payloads get the suffix "-{i}" when --numbered),
or --topics-file (one topic a line; the payload is the topic). v5 properties: --user-property k=v (repeatable),
--content-type, --response-topic, --correlation-hex, --expiry, --payload-format.
Events: {"event": "connack", "rc": N}, {"event": "published", "count": N}, {"event": "done", "reason": ...}.
"""
import time

import mqttcommon as mc


def main():
    p = mc.parser(__doc__)
    p.add_argument("--topic")
    p.add_argument("--topics-file")
    p.add_argument("--payload", default="")
    p.add_argument("--payload-hex")
    p.add_argument("--payload-file", help="the payload is this file's bytes")
    p.add_argument("--repeat", type=int, default=1)
    p.add_argument("--numbered", action="store_true")
    p.add_argument("--qos", type=int, default=1)
    p.add_argument("--retain", action="store_true")
    p.add_argument("--inflight", type=int, default=100)
    p.add_argument("--user-property", action="append", default=[])
    p.add_argument("--content-type")
    p.add_argument("--response-topic")
    p.add_argument("--correlation-hex")
    p.add_argument("--expiry", type=int)
    p.add_argument("--payload-format", type=int)
    args = p.parse_args()

    state = {"connack": None, "disconnected": False}
    client = mc.make_client(args)
    client.max_inflight_messages_set(args.inflight)
    client.max_queued_messages_set(0)

    def on_connect(c, userdata, flags, rc, properties=None):
        state["connack"] = mc.reason_value(rc)
        mc.emit("connack", rc=state["connack"])

    def on_disconnect(c, userdata, rc, properties=None):
        state["disconnected"] = True

    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    mc.connect(client, args)
    deadline = time.monotonic() + args.timeout
    if not mc.run_until([client], lambda: state["connack"] is not None or state["disconnected"], deadline) \
            or state["connack"] != 0:
        mc.emit("done", reason="refused" if state["connack"] else "no connack")
        return 1

    props = None
    if mc.is_v5(args):
        from paho.mqtt.properties import Properties
        from paho.mqtt.packettypes import PacketTypes
        props = Properties(PacketTypes.PUBLISH)
        if args.user_property:
            props.UserProperty = [tuple(kv.split("=", 1)) for kv in args.user_property]
        if args.content_type is not None:
            props.ContentType = args.content_type
        if args.response_topic is not None:
            props.ResponseTopic = args.response_topic
        if args.correlation_hex is not None:
            props.CorrelationData = bytes.fromhex(args.correlation_hex)
        if args.expiry is not None:
            props.MessageExpiryInterval = args.expiry
        if args.payload_format is not None:
            props.PayloadFormatIndicator = args.payload_format

    if args.topics_file:
        with open(args.topics_file, encoding="utf-8") as f:
            messages = [(line.strip(), line.strip().encode()) for line in f if line.strip()]
    else:
        if args.payload_file is not None:
            with open(args.payload_file, "rb") as f:
                base = f.read()
        elif args.payload_hex is not None:
            base = bytes.fromhex(args.payload_hex)
        else:
            base = args.payload.encode()
        messages = [(args.topic, base + (f"-{i}".encode() if args.numbered else b"")) for i in range(args.repeat)]

    infos = []
    for topic, payload in messages:
        while True:
            info = client.publish(topic, payload, qos=args.qos, retain=args.retain, properties=props)
            if info.rc == 0:
                break
            client.loop(timeout=0.01)  # queue full: let acknowledgements in
            if time.monotonic() > deadline:
                mc.emit("done", reason="timeout", published=len(infos))
                return 1
        infos.append(info)
        client.loop(timeout=0)
    if not mc.run_until([client], lambda: all(i.is_published() for i in infos), deadline):
        mc.emit("done", reason="timeout", published=sum(1 for i in infos if i.is_published()))
        return 1
    mc.emit("published", count=len(infos))
    client.disconnect()
    mc.run_until([client], lambda: state["disconnected"], time.monotonic() + 2)
    mc.emit("done", reason="ok")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
