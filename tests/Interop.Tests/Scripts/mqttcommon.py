"""Shared by the interop scripts: command-line options, a paho-mqtt 1.6 client, JSON lines on stdout.

Every script prints one JSON object per line and flushes it, so the test reads events as they happen
("ready" once the client is subscribed, "message" for each delivery, ...). Written for paho-mqtt 1.6.x
(Debian's python3-paho-mqtt) run with /usr/bin/python3.
"""
import argparse
import json
import sys
import time

import paho.mqtt.client as mqtt


def emit(event, **fields):
    fields["event"] = event
    sys.stdout.write(json.dumps(fields) + "\n")
    sys.stdout.flush()


def parser(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--version", choices=["311", "5"], default="311")
    p.add_argument("--transport", choices=["tcp", "websockets"], default="tcp")
    p.add_argument("--ws-path", default="/mqtt")
    p.add_argument("--client-id", default="")
    p.add_argument("--persistent", action="store_true",
                   help="clean session 0 (v3.1.1) / clean start 0 and session expiry 3600 s (v5)")
    p.add_argument("--username")
    p.add_argument("--password")
    p.add_argument("--keepalive", type=int, default=30)
    p.add_argument("--topic-alias-maximum", type=int, default=0,
                   help="v5: announce this Topic Alias Maximum in CONNECT (the broker may then send aliases)")
    p.add_argument("--timeout", type=float, default=20.0, help="the script gives up after this many seconds")
    return p


def is_v5(args):
    return args.version == "5"


def make_client(args, client_id=None):
    client_id = args.client_id if client_id is None else client_id
    if is_v5(args):
        client = mqtt.Client(client_id=client_id, protocol=mqtt.MQTTv5, transport=args.transport)
    else:
        client = mqtt.Client(client_id=client_id, clean_session=not args.persistent,
                             protocol=mqtt.MQTTv311, transport=args.transport)
    if args.transport == "websockets":
        client.ws_set_options(path=args.ws_path)
    if args.username is not None:
        client.username_pw_set(args.username, args.password)
    if is_v5(args):
        _read_short_disconnect_reasons(client)
    return client


def _read_short_disconnect_reasons(client):
    """paho-mqtt 1.6 reads the reason code of a server's DISCONNECT only when the packet also has properties
    (remaining length > 2); a bare "DISCONNECT 0x8E", as mosquitto and this broker send it, reaches on_disconnect as
    a lost connection (rc 7). Read the reason code of those ourselves, exactly as paho does for longer packets."""
    from paho.mqtt.reasoncodes import ReasonCodes

    original = client._handle_disconnect  # noqa: SLF001

    def handle_disconnect():
        packet = client._in_packet  # noqa: SLF001
        if 0 < packet["remaining_length"] <= 2:
            reason = ReasonCodes(mqtt.DISCONNECT >> 4, identifier=packet["packet"][0])
            client._loop_rc_handle(reason)  # noqa: SLF001
            return mqtt.MQTT_ERR_SUCCESS
        return original()

    client._handle_disconnect = handle_disconnect  # noqa: SLF001


def connect(client, args):
    """Connects (blocking socket connect; CONNACK arrives through the loop)."""
    if is_v5(args):
        from paho.mqtt.properties import Properties
        from paho.mqtt.packettypes import PacketTypes
        props = None
        if args.persistent or args.topic_alias_maximum:
            props = Properties(PacketTypes.CONNECT)
        if args.persistent:
            props.SessionExpiryInterval = 3600
        if args.topic_alias_maximum:
            props.TopicAliasMaximum = args.topic_alias_maximum
        client.connect(args.host, args.port, keepalive=args.keepalive, clean_start=not args.persistent, properties=props)
    else:
        client.connect(args.host, args.port, keepalive=args.keepalive)


def reason_value(rc):
    """A CONNACK / DISCONNECT reason as an int (paho gives v5 reasons as ReasonCodes objects)."""
    if rc is None:
        return None
    return getattr(rc, "value", rc)


def properties_json(properties):
    if properties is None:
        return {}
    try:
        return properties.json()
    except Exception:  # noqa: BLE001 - an empty Properties object
        return {}


def run_until(clients, done, deadline):
    """Drives the clients' network loops until done() or the deadline; True when done."""
    while time.monotonic() < deadline:
        if done():
            return True
        for c in clients:
            c.loop(timeout=0.02)
    return done()


class TopicAliases:
    """paho-mqtt 1.6 hands a PUBLISH that uses a server's topic alias to on_message as it came: an empty topic and
    the TopicAlias property. Resolves it as MQTT 5.0 3.3.2.3.4 says: a topic with an alias sets the alias, an empty
    topic with an alias uses it."""

    def __init__(self):
        self._topics = {}

    def resolve(self, msg):
        alias = getattr(getattr(msg, "properties", None), "TopicAlias", None)
        if alias is None:
            return msg.topic
        if msg.topic:
            self._topics[alias] = msg.topic
            return msg.topic
        return self._topics.get(alias, "<unknown alias %d>" % alias)

