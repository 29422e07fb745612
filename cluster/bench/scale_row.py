"""One row of cluster/bench/scale.sh's results: reads a load program's result from stdin (the AMQP load program's JSON
object, or the MQTT load program's --results line of key=value fields) and prints a TSV row:
silos, round, workload, in, out, p50_ms, p99_ms, lost, dup and the CPU seconds measured around the run.

  scale_row.py WORKLOAD SILOS ROUND SILO_TICKS GATEWAY_TICKS POSTGRES_TICKS OTHER_TICKS TICKS_PER_SECOND
"""
import json
import sys


def main():
    workload, silos, rnd = sys.argv[1:4]
    silo, gateway, postgres, other, hz = (int(x) for x in sys.argv[4:9])
    lines = [l for l in sys.stdin.read().splitlines() if l.strip()]
    row = {"in": "", "out": "", "p50": "", "p99": "", "lost": "", "dup": ""}
    for line in reversed(lines):
        if line.startswith("{"):
            r = json.loads(line)
            row = {"in": r.get("in_rate"), "out": r.get("out_rate"), "p50": r.get("confirm_p50_ms"), "p99": r.get("confirm_p99_ms"),
                   "lost": r.get("lost"), "dup": r.get("duplicates")}
            break
        fields = dict(f.split("=", 1) for f in line.split("\t") if "=" in f)
        if "in_rate" in fields:
            us = lambda k: round(int(fields[k]) / 1000.0, 2) if fields.get(k) else ""
            row = {"in": fields["in_rate"], "out": fields["out_rate"], "p50": us("p50_us"), "p99": us("p99_us"),
                   "lost": fields.get("lost", ""), "dup": fields.get("duplicates", "")}
            break
    cells = [silos, rnd, workload, row["in"], row["out"], row["p50"], row["p99"], row["lost"], row["dup"],
             "%.1f" % (silo / hz), "%.1f" % (gateway / hz), "%.1f" % (postgres / hz), "%.1f" % (max(other, 0) / hz)]
    print("\t".join("" if c is None else str(c) for c in cells))


if __name__ == "__main__":
    main()
