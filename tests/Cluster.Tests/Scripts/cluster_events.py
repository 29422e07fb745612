"""What the cluster test clients (cluster_client.py for MQTT, cluster_amqp_client.py for AMQP) share: the events file
they write, one line per event with a Unix-millisecond time, and their common command line."""
import argparse
import time


def now_ms():
    return int(time.time() * 1000)


class Log:
    """The events file: "<kind> <time> <fields...>" per line, flushed at once (a message is on disk before it is acknowledged)."""

    def __init__(self, path):
        self._f = open(path, "a", encoding="utf-8", buffering=1)

    def write(self, kind, *fields):
        self._f.write(" ".join([kind, str(now_ms())] + [str(f) for f in fields]) + "\n")
        self._f.flush()


def argument_parser(description, ports_help, client_id_help, topic_help, open_timeout_help):
    """The options both clients take (the tests start them alike); a client adds its own."""
    p = argparse.ArgumentParser(description=description, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("mode", choices=["pub", "sub"])
    p.add_argument("--host", default="127.0.0.1")
    p.add_argument("--ports", required=True, help=ports_help)
    p.add_argument("--client-id", required=True, help=client_id_help)
    p.add_argument("--topic", required=True, help=topic_help)
    p.add_argument("--log", required=True)
    p.add_argument("--stop-file", required=True)
    p.add_argument("--name", default="p", help="pub: the id prefix")
    p.add_argument("--interval", type=float, default=0.05)
    p.add_argument("--window", type=int, default=10)
    p.add_argument("--drain", type=float, default=60.0)
    p.add_argument("--quiet", type=float, default=5.0)
    p.add_argument("--connack-timeout", type=float, default=20.0, help=open_timeout_help)
    p.add_argument("--timeout", type=float, default=600.0, help="hard bound on the whole run")
    return p
