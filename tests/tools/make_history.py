#!/usr/bin/python3
"""make_history.py OUTDIR HOSTS RUNS [SEED] - synthetic run documents for
`make benchmark`: HOSTS machines with RUNS runs each (a day apart, noon
UTC, outside any maintenance window), every headline figure with 5 % noise.
Files are named HOST-RUN.json; made here, never committed."""
import json
import os
import random
import sys


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
    os.makedirs(out, exist_ok=True)
    for h in range(hosts):
        for r in range(runs):
            with open(os.path.join(out, "%03d-%04d.json" % (h, r)), "w") as f:
                json.dump(doc(h, r, rnd), f, indent=2)
                f.write("\n")


if __name__ == "__main__":
    main()
