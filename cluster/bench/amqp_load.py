#!/usr/bin/python3
"""AMQP 1.0 load program (Debian's python3-qpid-proton, the same client for every broker it is compared with).

One process, two connections: a sender publishing durable messages of --size bytes to --address, unsettled, at most
--window unacknowledged (each waits for `accepted`), and a receiver on the same address with --credit that accepts
every message. Runs --count messages (after --warmup ones that are not measured) and prints one JSON object:

  in_rate   accepted sends per second (first send to last accepted)
  out_rate  received messages per second (first to last received)
  confirm_p50/p99/max_ms   send -> accepted latency
  e2e_p50/p99/max_ms       send -> received latency
  accepted, rejected, received, lost (accepted but never received), duplicates

With --split the sender and the receiver run as two processes (the client then has both cores; one Python process
saturates one core at about 17k messages/s in plus 9k out), and their reports are merged.

Usage: amqp_load.py --url amqp://127.0.0.1:5672 --address /queues/bench [--count 50000] [--size 1024] [--credit 500]
                    [--window 500] [--warmup 2000] [--timeout 120] [--split]
"""
import argparse
import json
import struct
import subprocess
import sys
import time

from proton import Message
from proton.handlers import MessagingHandler
from proton.reactor import Container


def percentile(sorted_values, p):
    if not sorted_values:
        return None
    index = min(len(sorted_values) - 1, int(round(p / 100.0 * (len(sorted_values) - 1))))
    return sorted_values[index]


class Load(MessagingHandler):
    def __init__(self, args):
        super(Load, self).__init__(prefetch=args.credit, auto_accept=True)
        self.args = args
        self.total = args.warmup + args.count
        self.padding = b"x" * max(0, args.size - 12)
        self.sent = 0
        self.in_flight = 0
        self.accepted = 0
        self.rejected = 0
        self.sent_at = [0.0] * self.total
        self.confirm = []
        self.e2e = []
        self.seen = bytearray(self.total)
        self.received = 0
        self.duplicates = 0
        self.first_send = None
        self.last_accept = None
        self.first_receive = None
        self.last_receive = None
        self.sender = None
        self.connections = []
        self.deadline = None
        self.sending = args.role in ("both", "send")
        self.receiving = args.role in ("both", "receive")

    def on_start(self, event):
        container = event.container
        self.connections = []
        if self.receiving:
            receive_conn = container.connect(self.args.url)
            self.connections.append(receive_conn)
            container.create_receiver(receive_conn, self.args.address)
        if self.sending:
            send_conn = container.connect(self.args.url)
            self.connections.append(send_conn)
            self.sender = container.create_sender(send_conn, self.args.address)
        self.deadline = time.time() + self.args.timeout
        container.schedule(1.0, self)

    def on_timer_task(self, event):
        if time.time() > self.deadline:
            self.finish(event, timed_out=True)
        else:
            event.container.schedule(1.0, self)

    def on_sendable(self, event):
        sender = event.sender
        while sender.credit > 0 and self.in_flight < self.args.window and self.sent < self.total:
            seq = self.sent
            now = time.time()
            body = struct.pack(">Id", seq, now) + self.padding
            self.sent_at[seq] = now
            if seq == self.args.warmup:
                self.first_send = now
            sender.send(Message(body=body, durable=True, properties={"seq": seq}), tag=str(seq))
            self.sent += 1
            self.in_flight += 1

    def _settled_send(self, event, ok):
        seq = int(event.delivery.tag)
        now = time.time()
        self.in_flight -= 1
        if ok:
            self.accepted += 1
            if seq >= self.args.warmup:
                self.confirm.append(now - self.sent_at[seq])
                self.last_accept = now
        else:
            self.rejected += 1
        self.on_sendable(event)
        self.maybe_finish(event)

    def on_accepted(self, event):
        self._settled_send(event, True)

    def on_rejected(self, event):
        self._settled_send(event, False)

    def on_released(self, event):
        self._settled_send(event, False)

    def on_message(self, event):
        seq, sent_at = struct.unpack(">Id", bytes(event.message.body[:12]))
        now = time.time()
        if self.seen[seq]:
            self.duplicates += 1
        else:
            self.seen[seq] = 1
            self.received += 1
        if seq >= self.args.warmup:
            if self.first_receive is None:
                self.first_receive = now
            self.last_receive = now
            self.e2e.append(now - sent_at)
        self.maybe_finish(event)

    def maybe_finish(self, event):
        sent_all = not self.sending or self.accepted + self.rejected >= self.total
        received_all = not self.receiving or self.received >= self.total
        if sent_all and received_all:
            self.finish(event, timed_out=False)

    def finish(self, event, timed_out):
        if self.connections is None:
            return
        for c in self.connections:
            c.close()
        self.connections = None
        event.container.stop()
        confirm = sorted(self.confirm)
        e2e = sorted(self.e2e)
        measured = self.args.count
        accepted_not_received = sum(1 for s in range(self.total) if not self.seen[s]) if self.receiving else None
        result = {
            "address": self.args.address,
            "count": measured, "size": self.args.size, "credit": self.args.credit, "window": self.args.window,
            "accepted": self.accepted, "rejected": self.rejected, "received": self.received, "duplicates": self.duplicates,
            "lost": accepted_not_received,
            "timed_out": timed_out,
            "in_rate": round(len(confirm) / (self.last_accept - self.first_send), 1) if confirm and self.last_accept > self.first_send else None,
            "out_rate": round(len(e2e) / (self.last_receive - self.first_receive), 1) if len(e2e) > 1 and self.last_receive > self.first_receive else None,
            "confirm_p50_ms": round(percentile(confirm, 50) * 1000, 2) if confirm else None,
            "confirm_p99_ms": round(percentile(confirm, 99) * 1000, 2) if confirm else None,
            "confirm_max_ms": round(confirm[-1] * 1000, 2) if confirm else None,
            "e2e_p50_ms": round(percentile(e2e, 50) * 1000, 2) if e2e else None,
            "e2e_p99_ms": round(percentile(e2e, 99) * 1000, 2) if e2e else None,
            "e2e_max_ms": round(e2e[-1] * 1000, 2) if e2e else None,
        }
        print(json.dumps(result), flush=True)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="amqp://127.0.0.1:5672")
    p.add_argument("--address", required=True)
    p.add_argument("--count", type=int, default=50000)
    p.add_argument("--warmup", type=int, default=2000)
    p.add_argument("--size", type=int, default=1024)
    p.add_argument("--credit", type=int, default=500)
    p.add_argument("--window", type=int, default=500)
    p.add_argument("--timeout", type=float, default=120)
    p.add_argument("--role", default="both", choices=["both", "send", "receive"])
    p.add_argument("--split", action="store_true")
    args = p.parse_args()
    if not args.split:
        Container(Load(args)).run()
        return
    common = [sys.executable, __file__, "--url", args.url, "--address", args.address, "--count", str(args.count),
              "--warmup", str(args.warmup), "--size", str(args.size), "--credit", str(args.credit), "--window", str(args.window),
              "--timeout", str(args.timeout)]
    receiver = subprocess.Popen(common + ["--role", "receive"], stdout=subprocess.PIPE, text=True)
    time.sleep(1.0)  # the receiver attaches first, as in the one-process run
    sender = subprocess.Popen(common + ["--role", "send"], stdout=subprocess.PIPE, text=True)
    sent = json.loads(sender.communicate()[0])
    received = json.loads(receiver.communicate()[0])
    merged = dict(received)
    for key in ("accepted", "rejected", "in_rate", "confirm_p50_ms", "confirm_p99_ms", "confirm_max_ms"):
        merged[key] = sent[key]
    merged["timed_out"] = sent["timed_out"] or received["timed_out"]
    merged["split"] = True
    print(json.dumps(merged), flush=True)


if __name__ == "__main__":
    main()
