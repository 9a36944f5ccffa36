#!/usr/bin/python3
"""make_history.py OUTDIR HOSTS RUNS [SEED [SPECS [SLOW]]] - synthetic run documents
for `make benchmark`: HOSTS machines with RUNS runs each (a day apart, noon
UTC, outside any maintenance window), every headline figure with 5 % noise.
SPECS ("standard,plus"): each host's runs get a verdict of one of them in
turn, with the status of each general check, as the spec page reads them,
and are of the documented profile (the page counts no other).
SLOW: the number of one host whose every figure is half the others'
(the outlier `specbench fleet` must find).
Files are named HOST-RUN.json; made here, never committed."""
import json
import os
import random
import sys


CHECKS = ["cpu.model", "cpu.clock", "cpu.vcpus", "memory.size", "memory.ecc", "storage.nvme", "storage.raid10",
          "storage.size", "network.ipv4", "network.ipv6"]


def verdict(spec, rnd):
    status = {"memory.ecc": "UNVERIFIABLE", "storage.nvme": "UNVERIFIABLE", "storage.raid10": "UNVERIFIABLE"}
    checks = [{"id": c, "status": status.get(c, "PASS" if rnd.random() > 0.02 else "FAIL"),
               "expected": "", "observed": "", "evidence": ""} for c in CHECKS]
    counts = {s: sum(1 for c in checks if c["status"] == s) for s in ("PASS", "FAIL", "WARN", "SKIP", "UNVERIFIABLE")}
    return {"spec": spec, "spec_version": "1.0.0", "spec_chain": [spec + " 1.0.0"],
            "status": "FAIL" if counts["FAIL"] else "PASS", "counts": counts, "checks": checks}


def scale(v, factor):
    for k, x in v.items():
        if isinstance(x, dict):
            scale(x, factor)
        elif isinstance(x, float):
            v[k] = round(x * factor, 3)


def halve(v):
    scale(v, 0.5)


def doc(host, run, rnd):
    def f(v):
        return round(v * (1 + 0.05 * rnd.gauss(0, 1)), 3)

    return {
        "schema": "specbench.run", "schema_version": 1, "specbench_version": "0.1.0",
        "created_at": "20%02d-%02d-%02dT12:00:00Z" % (20 + run // 336, 1 + run // 28 % 12, 1 + run % 28),
        "host": {"hostname": "app%03d" % host, "machine_id": "%032x" % (0xabc000 + host),
                 "kernel": "6.1.0-26-amd64", "os": "Debian GNU/Linux 12 (bookworm)", "sysroot": None},
        "bench": {
            "profile": "quick",
            "disk": {
                "randwrite": {"status": "ok", "error": None, "write": {"iops": f(59000), "bw_mib_s": f(234)}},
                "randread": {"status": "ok", "error": None, "read": {"iops": f(13800), "bw_mib_s": f(54)}},
                "randrw": {"status": "ok", "error": None, "read": {"iops": f(36900), "bw_mib_s": f(144)},
                           "write": {"iops": f(12300), "bw_mib_s": f(48)}},
            },
            "cpu": {"status": "ok", "error": None, "events_per_sec": f(1807)},
            "memory": {"status": "ok", "error": None, "mib_per_sec": f(4108), "ops_per_sec": f(4207444)},
        },
    }


def main():
    out, hosts, runs = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    rnd = random.Random(int(sys.argv[4]) if len(sys.argv) > 4 else 1)
    specs = sys.argv[5].split(",") if len(sys.argv) > 5 else None
    slow = int(sys.argv[6]) if len(sys.argv) > 6 else -1
    # CPUS: "BRAND=FACTOR,BRAND=FACTOR": every fourth host (3, 7, ...) on the
    # second CPU, its figures times its factor; the others on the first
    cpus = [(c.rsplit("=", 1)[0], float(c.rsplit("=", 1)[1])) for c in sys.argv[7].split(",")] \
        if len(sys.argv) > 7 else None
    os.makedirs(out, exist_ok=True)
    for h in range(hosts):
        for r in range(runs):
            with open(os.path.join(out, "%03d-%04d.json" % (h, r)), "w") as f:
                d = doc(h, r, rnd)
                if h == slow:
                    halve(d["bench"])
                if cpus:
                    brand, factor = cpus[1 if h % 4 == 3 and len(cpus) > 1 else 0]
                    d["probe"] = {"cpu": {"brand": brand}}
                    scale(d["bench"], factor)
                if specs:
                    # the page counts the published commands' runs only
                    d["verdict"] = verdict(specs[h % len(specs)], rnd)
                    d["bench"]["profile"] = "documented"
                json.dump(d, f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main()
