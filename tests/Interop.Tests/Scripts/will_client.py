"""Connects with a will, prints {"event": "ready"} after CONNACK, then ends as --mode says:
  hang: keeps the connection open (pings) until the process is killed;
  disconnect: sends a normal DISCONNECT and exits;
  drop: closes the socket without DISCONNECT and exits.
"""
import time

import mqttcommon as mc


def main():
    p = mc.parser(__doc__)
    p.add_argument("--will-topic", required=True)
    p.add_argument("--will-payload", default="gone")
    p.add_argument("--will-qos", type=int, default=1)
    p.add_argument("--mode", choices=["hang", "disconnect", "drop"], required=True)
    args = p.parse_args()

    state = {"connack": None, "disconnected": False}
    client = mc.make_client(args)
    client.will_set(args.will_topic, args.will_payload.encode(), qos=args.will_qos)

    def on_connect(c, userdata, flags, rc, properties=None):
        state["connack"] = mc.reason_value(rc)

    def on_disconnect(c, userdata, rc, properties=None):
        state["disconnected"] = True

    client.on_connect = on_connect
    client.on_disconnect = on_disconnect
    mc.connect(client, args)
    deadline = time.monotonic() + args.timeout
    if not mc.run_until([client], lambda: state["connack"] is not None, deadline) or state["connack"] != 0:
        mc.emit("done", reason="no connack", rc=state["connack"])
        return 1
    mc.emit("ready")
    if args.mode == "hang":
        mc.run_until([client], lambda: state["disconnected"], deadline)
        mc.emit("done", reason="timeout")
        return 1
    if args.mode == "disconnect":
        client.disconnect()
        mc.run_until([client], lambda: state["disconnected"], time.monotonic() + 5)
    else:
        client._sock.close()  # noqa: SLF001 - the point: no DISCONNECT, just a closed socket
    mc.emit("done", reason=args.mode)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
