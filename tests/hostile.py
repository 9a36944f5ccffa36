#!/usr/bin/env python3
"""The hostile round: hundreds of bad inputs against the sanitized binary.

    tests/hostile.py SPECBENCH FIXTURES      (make hostile)

Every input is made here, deterministically (a fixed seed), from the real
ones: the published fio and sysbench outputs, the specs, run documents, the
fixture machines, CPUID dumps and SMBIOS tables, each mutated the ways
hostile testing found mattered (numbers replaced by NaN, infinity, negative
and huge values, truncation, random bytes, wrong JSON types, FIFOs, links
out of a sysroot, control characters, very long and odd arguments).  Each
run is classified:

  clear error   exit 2 or 3 with a one-line message on stderr, nothing else
  accepted      exit 0 or 1 and an output that holds what it must
  crash         killed by a signal, or a sanitizer report
  hang          still running after the time limit
  wrong result  accepted, but an output breaks an invariant (a negative or
                missing figure shown as a value, a PASS of something not
                measured, a control character on a terminal format)
  leftover      a specbench-* file or directory, or a child process, that
                outlived the run
  security finding  what section 9 tries got through: root removed a file
                through a local user's link, a planted trigger ran, a host name
                with CR LF was stored, a password reached a message, ...

It prints one line per input that is a crash, hang, wrong result or
leftover, then the counts, and ends with "N passed, N failed".
"""
import glob
import json
import os
import random
import re
import shutil
import stat
import subprocess
import sys
import tempfile

SB, FX = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data", "import")
# the spec by file: the round runs in its own directory, where the sanitized
# binary (build/san/) finds no spec by name: a "standard" there was a clear
# error before anything was judged
STANDARD = os.path.join(HERE, "..", "specs", "standard.json")
TIMEOUT = 20
rnd = random.Random(10)
work = tempfile.mkdtemp(prefix="specbench-hostile-")
# the round's benchmarks take a host lock of their own, not the machine's
os.environ["SPECBENCH_LOCK"] = os.path.join(work, "host.lock")
# nor may any input write the machine's own history and runs
MACHINE_STATE = "/var/lib/specbench"
machine_before = os.path.exists(MACHINE_STATE)
os.mkdir(os.path.join(work, "dir"))
os.mkdir(os.path.join(work, "out"))
DIR = os.path.join(work, "dir")
counts = {k: 0 for k in ("tried", "clear error", "accepted", "crash", "hang", "wrong result", "leftover")}
problems = []
CONTROL = re.compile(rb"[\x00-\x08\x0b-\x1f\x7f]|\xc2[\x80-\x9f]")


def leftovers():
    """What specbench leaves in the round's own directories (every run here
    writes below `work`: --dir, --out and snapshots point there), and its
    children still running there.  Nothing outside is looked at or touched:
    other specbench runs on the machine are not this round's business."""
    found = {os.path.join(DIR, n) for n in os.listdir(DIR)}
    for top, _, names in os.walk(os.path.join(work, "out")):
        # a run document's temporary (NAME.json.XXXXXX), a page's (.NAME.xxxxxx)
        found |= {os.path.join(top, n) for n in names
                  if re.search(r"\.json\.\w{6}$", n) or re.match(r"\..*\.\w{6}$", n)}
    procs = subprocess.run(["pgrep", "-f", work], capture_output=True, text=True).stdout
    return found, procs.split()


def run(label, args, check=None, stdin=None):
    """Run one hostile input and classify it."""
    counts["tried"] += 1
    before, _ = leftovers()
    env = dict(os.environ, ASAN_OPTIONS="detect_leaks=1:abort_on_error=0",
               UBSAN_OPTIONS="print_stacktrace=1:halt_on_error=1")
    try:
        p = subprocess.run([SB] + args, capture_output=True, timeout=TIMEOUT, env=env, stdin=stdin,
                           cwd=work)
    except subprocess.TimeoutExpired:
        counts["hang"] += 1
        problems.append(f"hang: {label}")
        return
    err = p.stderr
    after, procs = leftovers()
    if p.returncode < 0 or p.returncode >= 128 or b"Sanitizer" in err or b"runtime error" in err:
        counts["crash"] += 1
        problems.append(f"crash ({p.returncode}): {label}: {err[-300:]!r}")
    elif p.returncode in (2, 3):
        lines = [l for l in err.decode(errors="replace").splitlines() if l.strip()]
        if lines and lines[0].startswith("specbench") and not CONTROL.search(err):
            counts["clear error"] += 1
        else:
            counts["wrong result"] += 1
            problems.append(f"unclear error: {label}: {err[:200]!r}")
    else:
        why = check(p.stdout) if check else None
        if why:
            counts["wrong result"] += 1
            problems.append(f"wrong result: {label}: {why}")
        else:
            counts["accepted"] += 1
    new = after - before
    if new or procs:
        counts["leftover"] += 1
        problems.append(f"leftover: {label}: {sorted(new)} {procs}")
    for top in (DIR, os.path.join(work, "out")):  # documents and snapshots a run was asked for go too
        shutil.rmtree(top, ignore_errors=True)
        os.mkdir(top)


def put(name, data):
    path = os.path.join(work, name)
    with open(path, "wb") as f:
        f.write(data if isinstance(data, bytes) else data.encode())
    return path


NUMBER = re.compile(rb"(?<![\w.])-?\d+(\.\d+)?([eE][-+]?\d+)?")
BAD_NUMBERS = [b"nan", b"inf", b"-inf", b"-1", b"-0.5", b"1e999", b"1e300", b"99999999999999999999999",
               b"0x10", b"", b"1,5", b"NaN"]


def mutations(data, n):
    """n mutants of data: numbers replaced, truncations, byte flips, junk."""
    nums = list(NUMBER.finditer(data))
    out = []
    for _ in range(n):
        kind = rnd.randrange(5)
        if kind <= 1 and nums:
            m = rnd.choice(nums)
            out.append(data[:m.start()] + rnd.choice(BAD_NUMBERS) + data[m.end():])
        elif kind == 2:
            out.append(data[:rnd.randrange(len(data) + 1)])
        elif kind == 3:
            b = bytearray(data)
            for _ in range(rnd.randint(1, 8)):
                if b:
                    b[rnd.randrange(len(b))] = rnd.randrange(256)
            out.append(bytes(b))
        else:
            pos = rnd.randrange(len(data) + 1)
            out.append(data[:pos] + bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 40))) + data[pos:])
    return out


def numbers(v, path=""):
    """(path, number) for every number inside a JSON value."""
    if isinstance(v, dict):
        for k, x in v.items():
            yield from numbers(x, f"{path}.{k}")
    elif isinstance(v, list):
        for i, x in enumerate(v):
            yield from numbers(x, f"{path}[{i}]")
    elif isinstance(v, (int, float)) and not isinstance(v, bool):
        yield path, v


def load(stdout):
    """The output as JSON, or the reason it is not."""
    try:
        return json.loads(stdout), None
    except ValueError as e:
        return None, f"output is not JSON ({e})"


def figures_ok(stdout):
    """An accepted import: a run document whose figures are figures."""
    doc, why = load(stdout)
    if why:
        return why
    nums = [x for _, x in numbers(doc.get("bench", {}))]
    if any(x < 0 for x in nums):
        return "a negative figure"
    return None if nums else "no figure at all"


def verdict_ok(stdout):
    """An accepted verify: nothing PASSes that was not measured or not known."""
    doc, why = load(stdout)
    if why:
        return why
    for c in doc.get("verdict", {}).get("checks", []):
        if c.get("status") == "PASS" and re.search(r"not measured|unknown|missing", c.get("observed", "")):
            return f"{c['id']} PASS with observed {c['observed']!r}"
    return None


def table_ok(stdout):
    return "a control character in the table" if CONTROL.search(stdout) else None


def probe_ok(stdout):
    """An accepted probe: no fact is a negative number."""
    doc, why = load(stdout)
    if why:
        return why
    bad = [p for p, x in numbers(doc.get("probe", {}), "probe") if x < 0]
    return f"negative facts: {bad[:3]}" if bad else None


# ---- 1. imports: every published output, mutated ------------------------------
imports = {"published-randwrite.txt": "disk.randwrite", "published-randread.txt": "disk.randread",
           "published-randrw.txt": "disk.randrw", "published-sysbench-cpu.txt": "cpu",
           "published-sysbench-memory.txt": "memory", "fio-3.33-randread-2jobs.json": "disk.randread",
           "fio-3.33-randrw-gtod.json": "disk.randrw", "fio-3.33-randwrite-grouped.json": "disk.randwrite",
           "fio-3.1-randread-layout.json": "disk.randread", "sysbench-1.0.11-cpu.txt": "cpu"}
for name, as_id in imports.items():
    with open(os.path.join(DATA, name), "rb") as f:
        data = f.read()
    for i, m in enumerate(mutations(data, 25)):
        run(f"import --as {as_id} {name} mutant {i}", ["import", "--as", as_id, put("imp", m)], figures_ok)

# ---- 2. specs: every number and type of the standard spec, broken ----------------
with open(os.path.join(HERE, "..", "specs", "standard.json"), "rb") as f:
    spec = f.read()
results = os.path.join(HERE, "data", "run-published.json")
for i, m in enumerate(mutations(spec, 60)):
    run(f"verify --spec standard mutant {i}", ["verify", "--spec", put("s.json", m), "--results", results,
                                               "--format", "json"], verdict_ok)
for value in ["-1", "0", "1e999", "\"x\"", "null", "{}", "[]", "true", "-0", "1e-300"]:
    for key in ["vcpus", "min_mhz", "gib", "ipv4", "ipv6", "max_steal_pct", "pass_pct", "warn_pct",
                "events_per_sec", "min_gib", "generation"]:
        m = re.sub(rb'("%s": )[^,}\n]+' % key.encode(), rb"\g<1>" + value.encode(), spec, count=1)
        run(f"spec {key}: {value}", ["verify", "--spec", put("s.json", m), "--results", results,
                                     "--format", "json"], verdict_ok)
for ext in ["/etc/passwd", "../../../../etc/shadow", "/dev/zero", "x/../../y", "\u001b[2J", "a" * 5000]:
    run(f"spec extends {ext[:20]!r}", ["verify", "--spec", put("e.json", json.dumps(
        {"name": "x", "version": "1.0.0", "extends": ext})), "--results", results])

# ---- 3. run documents: every number and type of a real one, broken ----------------
probe = subprocess.run([SB, "probe", "--json", "--sysroot", os.path.join(FX, "epyc-rome-metal")],
                       capture_output=True).stdout
doc = json.loads(probe)
with open(results) as f:
    doc["bench"] = json.load(f)["bench"]
rundoc = json.dumps(doc, indent=1).encode()
for i, m in enumerate(mutations(rundoc, 80)):
    run(f"verify --results mutant {i}", ["verify", "--spec", STANDARD, "--results", put("r.json", m),
                                         "--format", "json"], verdict_ok)
for i, m in enumerate(mutations(rundoc, 15)):
    run(f"verify --format table mutant {i}", ["verify", "--spec", STANDARD, "--results", put("r.json", m),
                                              "--format", "table"], table_ok)

# ---- 4. machines: each file of a fixture replaced -----------------------------------
base = os.path.join(FX, "epyc-rome-metal")
files = [os.path.relpath(os.path.join(top, n), base) for top, _, names in os.walk(base)
         for n in names if not os.path.islink(os.path.join(top, n))]  # links not followed: each file once
replacements = [("empty", b""), ("random", None), ("huge", None), ("fifo", None), ("dir", None),
                ("link-out", "/etc/hostname"), ("link-loop", "loop"), ("link-dev", "/dev/zero"),
                ("control", b"\x1b[2J\r\x9b31m\n")]
for rel in sorted(files):
    for name, content in rnd.sample(replacements, 4):
        root = os.path.join(work, "m")
        shutil.rmtree(root, ignore_errors=True)
        shutil.copytree(base, root, symlinks=True)
        target = os.path.join(root, rel)
        os.remove(target)
        if name == "fifo":
            os.mkfifo(target)
        elif name == "dir":
            os.mkdir(target)
        elif name.startswith("link"):
            os.symlink(content, target)
        else:
            if name == "random":
                content = bytes(rnd.randrange(256) for _ in range(rnd.randint(1, 3000)))
            elif name == "huge":
                content = (b"md0 : active raid1 sda1[0] sdb1[1]\n      1024 blocks [2/2] [UU]\n" * 50000)
            with open(target, "wb") as f:
                f.write(content)
        run(f"probe --json with {rel} {name}", ["probe", "--json", "--sysroot", root], probe_ok)
        run(f"probe table with {rel} {name}", ["probe", "--sysroot", root], table_ok)

# ---- 5. CPUID dumps and SMBIOS tables -----------------------------------------------
for raw in glob.glob(os.path.join(HERE, "fixtures", "*", "specbench", "cpuid.raw")):
    with open(raw, "rb") as f:
        data = f.read()
    for i, m in enumerate(mutations(data, 15)):
        run(f"--cpuid-raw {os.path.basename(os.path.dirname(os.path.dirname(raw)))} mutant {i}",
            ["probe", "--json", "--sysroot", base, "--cpuid-raw", put("c.raw", m)], probe_ok)
for binfile in glob.glob(os.path.join(FX, "*.bin")):
    with open(binfile, "rb") as f:
        data = f.read()
    for i, m in enumerate(mutations(data, 10)):
        run(f"--smbios {os.path.basename(binfile)} mutant {i}",
            ["probe", "--json", "--sysroot", base, "--smbios", put("t.bin", m)], probe_ok)

# ---- 6. the spec page: run documents, specs, style sheets, histories -----------------
PAGE_OUT = os.path.join(work, "out", "page")


def page_ok(stdout):
    """An accepted page: the pages are there, and no input became markup."""
    for lang in ("en",):
        for ext, bad in (("html", "<script"), ("md", "<")):
            path = os.path.join(PAGE_OUT, f"standard.{lang}.{ext}")
            if not os.path.exists(path):
                return f"no {os.path.basename(path)}"
            with open(path, encoding="utf-8", errors="replace") as f:
                text = f.read()
            if bad in text:
                return f"{bad!r} in {os.path.basename(path)}"
    return None


page = ["page", "--spec", STANDARD, "--lang", "en", "-o", PAGE_OUT]
judged = subprocess.run([SB, "verify", "--spec", STANDARD, "--results", put("plain.json", rundoc),
                         "--format", "json"], capture_output=True).stdout
for i, m in enumerate(mutations(judged, 40)):
    run(f"page --results mutant {i}", page + ["--results", put("p.json", m)], page_ok)
for i, m in enumerate(mutations(spec, 20)):
    run(f"page --spec mutant {i}", ["page", "--spec", put("s.json", m), "--lang", "en", "--results",
                                    put("p.json", judged), "-o", PAGE_OUT])
for text in ["<script>alert(1)</script>", "\u001b[2J", "a" * 100000, "|x|\n#y", "]]><!--"]:
    d = json.loads(judged)
    d["host"] = {"hostname": text, "machine_id": None, "kernel": text, "os": text, "sysroot": None}
    run(f"page, a host named {text[:20]!r}", page + ["--results", put("p.json", json.dumps(d))], page_ok)
for css in [b"</style><script>x</script>", b"</STYLE >", b"a{}\x00b{}", b"x" * 2000000, b"\xff\xfe"]:
    run(f"page --css {css[:20]!r}", page + ["--results", put("p.json", judged), "--css", put("c.css", css)], page_ok)
hist = subprocess.run([SB, "history", "add", "--history", os.path.join(work, "h.db"), put("p.json", judged)],
                      capture_output=True)
with open(os.path.join(work, "h.db"), "rb") as f:
    db = f.read()
for i, m in enumerate(mutations(db, 20)):
    run(f"page --history mutant {i}", page + ["--history", put("m.db", m)], page_ok)
for args in [["--since", "2026-02-30"], ["--since", "\x1b[2J"], ["--since", "9" * 100], ["--lang", "nl,en"],
             ["--spec", STANDARD, "--spec", STANDARD], ["-o", "/proc/x"], ["-o", "\n"]]:
    run(f"page {' '.join(args)[:40]!r}", page + ["--results", put("p.json", judged)] + args, None)

# ---- 6b. run --config: the scheduled run's options file ------------------------------
# the spec on the command line is a file that is not there: a file that
# parses ends in that clear error, so nothing is measured; what is tried is
# the reader (base/optfile.c over inih)
with open(os.path.join(HERE, "..", "dist", "specbench.conf"), "rb") as f:
    conf = f.read()
conf_run = ["run", "--spec", os.path.join(work, "no-such-spec.json"), "--no-history", "--dir", DIR,
            "--out", os.path.join(work, "out"), "--config"]
for i, m in enumerate(mutations(conf, 40)):
    run(f"run --config mutant {i}", conf_run + [put("c.conf", m)])
for text in [b"[run]\n" + b"notify = x\n" * 40, b"[run]\nspec = " + b"a" * 198, b"[run]\nspec = " + b"a" * 5000,
             b"[run]\n  indented = 1\n", b"[run\nspec = x\n", b"[]\nx=1\n", b"=\n", b"[run]\n=x\n",
             b"[run]\nrepeat = 99999999999999999999\n", b"[run]\nrepeat = -1\n", b"\xef\xbb\xbf[run]\r\nspec=x\r\n",
             b"[run]\nspec = \x1b[2J\n", b"[run]\nconfig = /etc/passwd\n", b"[run]\nspec = a ; comment\n",
             b"[run]\nhistory = postgresql://u:secret@127.0.0.1:1/db\n", b"\n" * 100000, b"[run]\n" * 5000,
             b"[run]\nno-warmup = TRUE\nregress = No\n", b"# only a comment", b""]:
    run(f"run --config {text[:30]!r}", conf_run + [put("c.conf", text)])
for path in [fifo_conf := os.path.join(work, "conf.fifo"), "/dev/zero", "/dev/urandom", "/proc/self/mem", work]:
    if path == fifo_conf:
        os.mkfifo(path)
    run(f"run --config {path}", conf_run + [path], stdin=subprocess.DEVNULL)

# ---- 7. arguments -------------------------------------------------------------------
fifo = os.path.join(work, "fifo")
os.mkfifo(fifo)
for args in [["frob\x1b[2J"], ["probe", "--sysroot", "x" * 10000], ["probe", "--dir", "\n"],
             ["verify", "--spec", fifo, "--results", fifo], ["import", "--as", "cpu", fifo],
             ["import", "--as", "cpu", "/dev/zero"], ["import", "--as", "cpu", "/proc/self/mem"],
             ["verify", "--spec", STANDARD, "--results", "/dev/stdin"], ["probe", "--smbios", "/dev/urandom"],
             ["bench", "--repeat", "1e9", "--dir", DIR], ["bench", "--profile", "smoke", "--only", "disk," * 1000, "--dir", DIR],
             ["run", "--spec"], ["run", "--spec", STANDARD, "--profile", "smoke", "--only", "cpu", "--dir", DIR,
                                 "--out", os.path.join(work, "out", "x", "\x1b"),
                                 "--history", os.path.join(work, "esc.db")],
             ["verify", "--spec", STANDARD, "--results", results, "--format", "\x1b]0;x\x07"],
             ["bench", "--dir", "/proc", "--only", "cpu"], ["bench", "--dir", fifo, "--only", "cpu"],
             ["probe", "--sysroot", "/"], ["snapshot", "-o", "/proc/x"], ["import", "--as", "memory", results],
             ["snapshot", "-o", os.path.join(work, "out", "snap"), "--dir", "/nonexistent"]]:
    run(f"arguments {' '.join(args)[:60]!r}", args, None, stdin=subprocess.DEVNULL)

# ---- 8. mail: run documents with hostile mail facts, specs with hostile mail
# sections, hostile --app-domain, --dns and --smtp values (refused before the
# helper asks anyone) --------------------------------------------------------------
with open(os.path.join(HERE, "data", "mail", "run-noip6.json"), "rb") as f:
    mail_run = f.read()
for i, m in enumerate(mutations(mail_run, 60)):
    run(f"verify, mail facts mutant {i}", ["verify", "--spec", STANDARD, "--results", put("m.json", m),
                                           "--format", "json"], verdict_ok)
doc = json.loads(mail_run)
for key, value in [("smtp", {"status": "accepted", "rcpt_to": "\x1b[2J250"}), ("smtp", []), ("smtp", {"status": 7}),
                   ("spf", {"ipv4": {"result": "pass\x1b]0;x\x07"}}), ("dkim", {"records": ["a"] * 1000, "bits": -5}),
                   ("dmarc", {"found_at": "_dmarc.x", "records": [1, 2]}), ("a", {"addresses": [None, 5]}),
                   ("batched_smtp", {"listening": ["1.2.3.4"], "ruleset": "nft", "networks": [{"admitted": "yes"}]}),
                   ("addresses", {"ipv4": 42}), ("error", 5)]:
    d = json.loads(mail_run)
    d["mail"][key] = value
    for fmt in ("json", "table"):
        run(f"verify, mail.{key} = {json.dumps(value)[:40]} ({fmt})",
            ["verify", "--spec", STANDARD, "--results", put("m.json", json.dumps(d)), "--format", fmt],
            verdict_ok if fmt == "json" else table_ok)
spec_base = {"name": "x", "version": "1.0.0"}
for mail in [{"smtp": {"port": 0}}, {"smtp": {"port": 70000}}, {"smtp": {"host": ""}}, {"smtp": {"host": "a b"}},
             {"smtp": {"host": "x" * 300}}, {"dkim": {"selector": "\x1b[2J"}}, {"dkim": {"selector": 5}},
             {"dmarc": {"required": "yes"}}, {"batched_smtp": {"port": 25}}, {"batched_smtp": {"port": 25, "relay_networks": "10.0.0.0/8"}},
             {"batched_smtp": {"port": 25, "relay_networks": ["10.0.0.0/33"]}}, {"batched_smtp": {"port": 25, "relay_networks": ["::/129"]}},
             {"batched_smtp": {"port": 25, "relay_networks": [None]}}, {"frob": 1}, [], "mail", {"dkim": []}]:
    run(f"mail --spec with mail {json.dumps(mail)[:50]}",
        ["mail", "--app-domain", "x.example.net", "--results", results, "--spec",
         put("s.json", json.dumps(dict(spec_base, mail=mail))), "--dns", "127.0.0.1:9"], None, stdin=subprocess.DEVNULL)
for args in [["--app-domain", ""], ["--app-domain", "."], ["--app-domain", "a..b"], ["--app-domain", "x" * 300],
             ["--app-domain", "\x1b[2J.example.net"], ["--app-domain", "a" * 64 + ".net"], ["--app-domain", "-"],
             ["--app-domain", "ok.example.net", "--dns", ""], ["--app-domain", "ok.example.net", "--dns", "[::1"],
             ["--app-domain", "ok.example.net", "--dns", "1.2.3.4:"], ["--app-domain", "ok.example.net", "--dns", "x" * 5000],
             ["--app-domain", "ok.example.net", "--dns", "999.1.1.1"], ["--app-domain", "ok.example.net", "--smtp", ":25"],
             ["--app-domain", "ok.example.net", "--smtp", "[::1]x"], ["--app-domain", "ok.example.net", "--smtp", "h:-1"],
             ["--app-domain", "ok.example.net", "--smtp", "\x1b]0;x\x07:25"], ["--app-domain", "ok.example.net", "--results", fifo],
             ["--app-domain", "ok.example.net", "--sysroot", "/nonexistent"], ["--app-domain", "ok.example.net", "--spec", fifo],
             ["--dns", "127.0.0.1"]]:
    run(f"mail {' '.join(args)[:60]!r}", ["mail"] + args + (["--results", results] if "--results" not in args and
        "--sysroot" not in args else []), None, stdin=subprocess.DEVNULL)
for args in [["--app-domain", "bad domain"], ["--app-domain", "ok.example.net", "--dns", "x"],
             ["--smtp", "127.0.0.1:25"]]:
    run(f"run {' '.join(args)[:60]!r}", ["run", "--spec", STANDARD, "--no-history", "--dir", DIR,
        "--out", os.path.join(work, "out")] + args, None, stdin=subprocess.DEVNULL)

# ---- 9. the host and its files, as root on a customer's VM (issue 23): each
# point of the hostile round that found a way in, tried again; what gets
# through is a "security finding" ---------------------------------------------------
counts["security finding"] = 0


def finding(label, what):
    counts["security finding"] += 1
    problems.append(f"security finding: {label}: {what}")


def sha(path):
    import hashlib
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def with_env(extra, fn):
    old = {k: os.environ.get(k) for k in extra}
    os.environ.update(extra)
    try:
        fn()
    finally:
        for k, v in old.items():
            if v is None:
                os.environ.pop(k, None)
            else:
                os.environ[k] = v


import sqlite3  # noqa: E402 (the section's own)

# ---- 6b. the operators' dashboard: the same broken histories ---------------------------
DASH_OUT = os.path.join(work, "out", "dash")


def dash_ok(stdout):
    """An accepted dashboard: its index is there, and nothing from the store became markup."""
    if not os.path.exists(os.path.join(DASH_OUT, "index.en.html")):
        return "no index.en.html"
    for path in glob.glob(os.path.join(DASH_OUT, "*.html")):
        with open(path, encoding="utf-8", errors="replace") as f:
            text = f.read()
        if "<script" in text or "<img" in text:
            return f"markup from the store in {os.path.basename(path)}"
    return None


dash = ["dashboard", "--spec", STANDARD, "--lang", "en", "-o", DASH_OUT]
for i, m in enumerate(mutations(db, 20)):
    run(f"dashboard --history mutant {i}", dash + ["--history", put("m.db", m)], dash_ok)
hist = os.path.join(work, "base.db")
subprocess.run([SB, "history", "add", "--history", hist, results], capture_output=True, cwd=work)
docs = json.loads(open(results).read())


def tampered(name, *statements):
    path = os.path.join(work, name)
    shutil.copy(hist, path)
    c = sqlite3.connect(path)
    c.isolation_level = None
    for s in statements:
        c.execute(s)
    c.close()
    return path


# 9.1: a local user's look-alike data directory under a world-writable --dir,
# a subdirectory swapped for a link to root's files while root runs (a local
# user made root delete a chosen file after 10-45 runs)
user = "sbhostile"
as_user = None
if os.geteuid() == 0 and subprocess.run(["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin",
                                         user], capture_output=True).returncode in (0, 9):
    as_user = ["setpriv", f"--reuid={user}", f"--regid={user}", "--clear-groups"]
if as_user:
    pub = os.path.join(work, "pub")
    os.mkdir(pub)
    os.chmod(pub, 0o1777)
    os.chmod(work, 0o755)
    victim_dir = os.path.join(work, "rootonly")
    os.mkdir(victim_dir, 0o700)
    victim = os.path.join(victim_dir, "precious")
    open(victim, "w").write("root's\n")
    # the racer's script outside the round's directory: leftovers() looks
    # for processes naming that directory, and the racer is the round's own
    racer_dir = tempfile.mkdtemp(prefix="sbhostile-racer-")
    os.chmod(racer_dir, 0o755)
    swapper = os.path.join(racer_dir, "swapper.py")
    open(swapper, "w").write(f"""
import os, time
base = {os.path.join(pub, "specbench-evil01")!r}
os.makedirs(base + "/data", exist_ok=True)
open(base + "/specbench.lock", "w").close()
open(base + "/data/precious", "w").close()
end = time.time() + 60
while time.time() < end:
    try:
        os.rename(base + "/data", base + "/real")
        os.symlink({victim_dir!r}, base + "/data")
        os.unlink(base + "/data")
        os.rename(base + "/real", base + "/data")
    except OSError:
        pass
""")
    racer = subprocess.Popen(as_user + [sys.executable, swapper], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for i in range(20):
        run(f"bench --dir a world-writable directory while a local user races it ({i})",
            ["bench", "--profile", "smoke", "--only", "cpu", "--dir", pub], None, stdin=subprocess.DEVNULL)
        if not os.path.exists(victim):
            finding("9.1 data directory race", "root removed a file through a local user's link")
            break
    racer.kill()
    racer.wait()
    shutil.rmtree(racer_dir, ignore_errors=True)
    if not os.path.isfile(os.path.join(pub, "specbench-evil01", "specbench.lock")):
        finding("9.1 data directory race", "root removed files of a local user's directory")
    # 9.6: the host lock: a user cannot open root's, so cannot hold it
    if os.path.exists("/run/specbench/host.lock") and subprocess.run(
            as_user + ["flock", "-n", "/run/specbench/host.lock", "true"], capture_output=True).returncode == 0:
        finding("9.6 host lock", "a local user could hold root's lock")
    shutil.rmtree(pub, ignore_errors=True)
    subprocess.run(["userdel", user], capture_output=True)
else:
    problems.append("note: 9.1 and 9.6's local-user cases need root (useradd): not tried")

# 9.2 and 9.3: a history file someone else shaped
for v in (-1, -2, -100, -100000, -2147483648, 0, 7, 2147483647):
    path = tampered(f"uv{v}.db", f"PRAGMA user_version = {v}")
    before = sha(path)
    run(f"history list of a history with user_version {v}", ["history", "list", "--history", path], None)
    if sha(path) != before:
        finding("9.2 user_version", f"{v}: a read-only command changed the file")
for name, stmt in [("trigger", "CREATE TRIGGER evil AFTER INSERT ON runs BEGIN DELETE FROM runs; END"),
                   ("view", "CREATE VIEW v AS SELECT * FROM runs"), ("table", "CREATE TABLE extra (x)"),
                   ("index", "CREATE INDEX i ON runs(hostname)"), ("column", "ALTER TABLE runs ADD COLUMN x DEFAULT 1"),
                   ("ack-trigger", "CREATE TRIGGER a AFTER INSERT ON figures BEGIN INSERT INTO acks SELECT * FROM acks; END")]:
    path = tampered(f"{name}.db", stmt)
    before = sha(path)
    d = dict(docs, created_at="2026-11-29T06:00:00Z")
    run(f"history add into a history with a planted {name}", ["history", "add", "--history", path,
                                                              put("d.json", json.dumps(d))], None)
    if sha(path) != before or (os.path.exists(path + "-wal") and os.path.getsize(path + "-wal")):
        finding("9.3 planted schema", f"{name}: the file changed (what was planted may have run)")

# 9.4: host names that would add mail headers (or cells, or terminal escapes)
for h in ["app1\r\nBcc: victim@example.org", "app1\nSubject: x", "=HYPERLINK(\"http://x\")", "a\x1b]52;c;aGk=\x07",
          "a b", "", "a" * 300, "-lead", "trail-", "a..b", "ünïcode"]:
    d = dict(docs, created_at="2026-11-28T06:00:00Z", host=dict(docs.get("host") or {}, hostname=h))
    path = tampered("host.db")
    p = subprocess.run([SB, "history", "add", "--history", path, put("h.json", json.dumps(d))], capture_output=True,
                       cwd=work)
    counts["tried"] += 1
    if p.returncode == 0:
        finding("9.4 host name", f"{h!r} was stored")
    elif p.returncode == 2:
        counts["clear error"] += 1
    else:
        counts["wrong result"] += 1
        problems.append(f"wrong result: history add of host name {h!r}: exit {p.returncode}")

# 9.5: PostgreSQL servers that accept and stall: every command ends
for mode in ("silent", "ssl", "auth"):
    srv_port = str(40000 + rnd.randrange(20000))
    srv = subprocess.Popen([sys.executable, os.path.join(HERE, "tools", "hostile_servers.py"), "pg", mode, srv_port],
                           stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    srv.stdout.readline()
    url = f"postgresql://vm:pw@127.0.0.1:{srv_port}/db?connect_timeout=3"
    with_env({"SPECBENCH_PG_TIMEOUT": "3"}, lambda: [
        run(f"{' '.join(c)} against a PostgreSQL server that stalls ({mode})", c + ["--history", url], None)
        for c in (["history", "list"], ["fleet", "--spec", STANDARD], ["regress", "--host", "x"])])
    srv.kill()
    srv.wait()

# 9.6: the host lock's path shaped by someone
os.mkfifo(os.path.join(work, "fifo.lock"))
os.symlink(os.path.join(work, "nowhere"), os.path.join(work, "link.lock"))
for lock in ("fifo.lock", "link.lock"):
    with_env({"SPECBENCH_LOCK": os.path.join(work, lock)}, lambda: run(
        f"bench with a {lock} at the lock's path", ["bench", "--profile", "smoke", "--only", "cpu", "--dir", DIR], None,
        stdin=subprocess.DEVNULL))
if os.path.exists(os.path.join(work, "nowhere")):
    finding("9.6 host lock", "a link at the lock's path was followed")

# 9.7: passwords in malformed URLs never reach a message
for url in ["postgresql://vm:SECRET7@[::1/db", "postgresql://vm:SECRET7@127.0.0.1:1/db?frob=1",
            "postgresql://vm@127.0.0.1:1/db?password=SECRET7&port=x", "postgresql://vm:SECRET7@127.0.0.1:x/db",
            "postgres://vm:SECRET7@/db?host=/nonexistent", "postgresql://vm:SECRET7@127.0.0.1:1/db?sslmode=bogus"]:
    p = subprocess.run([SB, "history", "list", "--history", url], capture_output=True, cwd=work)
    counts["tried"] += 1
    if b"SECRET7" in p.stderr + p.stdout:
        finding("9.7 password", f"{url}: the password is in the message")
    elif p.returncode in (2, 3):
        counts["clear error"] += 1
    else:
        counts["wrong result"] += 1
        problems.append(f"wrong result: history list --history {url}: exit {p.returncode}")

# 9.8: figures that are not finite in a store: the fleet's outputs still come
inf = tampered("inf.db", "UPDATE figures SET value = 9e999 WHERE rowid = (SELECT min(rowid) FROM figures)",
               "UPDATE figures SET value = -9e999 WHERE rowid = (SELECT max(rowid) FROM figures)")
run("history export --format json of a store with infinities", ["history", "export", "--history", inf, "--format",
                                                                 "json"], lambda out: load(out)[1])
run("fleet of a store with infinities", ["fleet", "--spec", STANDARD, "--history", inf, "--format", "json"],
    lambda out: load(out)[1])
run("page of a store with infinities", ["page", "--spec", STANDARD, "--history", inf, "-o",
                                        os.path.join(work, "out", "site")], None)

run("dashboard of a store with infinities", dash + ["--history", inf], dash_ok)
# 9.8b: every text of a store that a VM or a person wrote, as markup: the
# operators' pages show it as text
marked = tampered("marked.db", "UPDATE runs SET spec = 'standard', verdict = 'FAIL', "
                  "machine_id = '<script>alert(1)</script>', hostname = '<img src=x onerror=alert(1)>'",
                  "UPDATE run_facts SET kernel = '<script>k</script>', app_version = '</title><script>', "
                  "device = '\"><script>'",
                  "INSERT OR REPLACE INTO run_checks SELECT id, '<script>c</script>', 'FAIL' FROM runs")
run("dashboard of a store with markup in every text", dash + ["--history", marked], dash_ok)

# 9.9: names that keep nothing
for h in ["", ":memory:", "file:x.db?mode=memory", "file:kept.db"]:
    run(f"history add --history {h!r}", ["history", "add", "--history", h, results], None)
if glob.glob(os.path.join(work, "file:*")):
    finding("9.9 history names", "a file: name made a directory")

# 9.10: CSV of hostile strings
csv = tampered("csv.db", "UPDATE runs SET hostname = '=HYPERLINK(\"http://x\",\"y\")'")
c = sqlite3.connect(csv)
c.execute("UPDATE runs SET profile = ?", ("p\x1b]52;c;aGk=\x07",))
c.commit()
c.close()
for what in ("list", "export"):
    run(f"history {what} --format csv of hostile strings", ["history", what, "--history", csv, "--format", "csv"],
        lambda out: "a control byte" if CONTROL.search(out.replace(b"\r\n", b"")) else
        "a formula cell" if re.search(rb"(^|,)\"?[=+@]", out, re.M) else None)

# 9.13: messages: a linked history, days that are not
os.symlink(hist, os.path.join(work, "link.db"))
run("history list of a linked history", ["history", "list", "--history", os.path.join(work, "link.db")], None)
for d in ("2020-13-45", "2023-02-29", "2026-11-20T24:00:00Z", "0000-00-00"):
    run(f"history list --since {d}", ["history", "list", "--history", hist, "--since", d], None)

# 9.11: a full --out: the run still reaches the history (it was lost from both)
full = os.path.join(work, "fullout")
os.mkdir(full)
if os.geteuid() == 0 and subprocess.run(["mount", "-t", "tmpfs", "-o", "size=8k", "tmpfs", full],
                                        capture_output=True).returncode == 0:
    with open(os.path.join(full, "filler"), "wb") as f:
        try:
            f.write(b"\0" * 8192)
        except OSError:
            pass
    outhist = os.path.join(work, "outfull.db")
    run("run with a full --out", ["run", "--spec", STANDARD, "--profile", "smoke", "--only", "cpu", "--dir", DIR,
                                 "--out", full, "--history", outhist], None, stdin=subprocess.DEVNULL)
    p = subprocess.run([SB, "history", "list", "--history", outhist, "--format", "json"], capture_output=True, cwd=work)
    if p.returncode != 0 or len(load(p.stdout)[0] or []) != 1:
        finding("9.11 full --out", "the run is not in the history")
    subprocess.run(["umount", full], capture_output=True)
else:
    problems.append("note: 9.11 needs root to mount a small tmpfs: not tried")

# 9.12: the spool: a link planted there to a file of root's is never read; a real
# PostgreSQL of the round's own (tests/tools/pg.sh), shipped to
pg = subprocess.run(["sh", "-c", f". {os.path.join(HERE, 'tools', 'pg.sh')}; pg_find && pg_start {work}/pg.log "
                     "> /dev/null && echo \"$url $pgd $pgbin\""], capture_output=True, text=True, cwd=work)
if pg.returncode == 0 and pg.stdout.split():
    pg_url, pg_dir, pg_bin = pg.stdout.split()
    spool = os.path.join(work, "spool")
    os.mkdir(spool, 0o700)
    secret = os.path.join(work, "root-secret")
    with open(secret, "w") as f:
        f.write('{"schema": "specbench.run", "created_at": "2026-01-01T00:00:00Z", "host": {"hostname": "SECRET12"}}\n')
    os.chmod(secret, 0o600)
    os.symlink(secret, os.path.join(spool, "0000-link.json"))
    subprocess.run([SB, "history", "init", "--history", pg_url], capture_output=True, cwd=work)
    run("run whose spool holds a link to root's file", ["run", "--spec", STANDARD, "--profile", "smoke", "--only",
                                                        "cpu", "--dir", DIR, "--out", os.path.join(work, "out"),
                                                        "--history", pg_url, "--spool", spool], None,
        stdin=subprocess.DEVNULL)
    p = subprocess.run([SB, "history", "export", "--history", pg_url, "--format", "json"], capture_output=True,
                       cwd=work)
    if b"SECRET12" in p.stdout:
        finding("9.12 spool", "a linked file was read and stored")
    if not os.path.islink(os.path.join(spool, "0000-link.json")):
        finding("9.12 spool", "the link was removed (read as a run)")
    subprocess.run(["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups", f"{pg_bin}/pg_ctl", "-D",
                    f"{pg_dir}/data", "-m", "immediate", "stop"] if os.geteuid() == 0 else
                   [f"{pg_bin}/pg_ctl", "-D", f"{pg_dir}/data", "-m", "immediate", "stop"], capture_output=True)
    shutil.rmtree(pg_dir, ignore_errors=True)
else:
    problems.append("note: 9.12 needs Debian's postgresql (make deps): not tried")

if not machine_before and os.path.exists(MACHINE_STATE):
    finding("machine state", f"an input wrote the machine's {MACHINE_STATE}")
shutil.rmtree(work, ignore_errors=True)
for p in problems:
    print(p)
print("hostile round: " + ", ".join(f"{v} {k}" for k, v in counts.items()))
bad = counts["crash"] + counts["hang"] + counts["wrong result"] + counts["leftover"] + counts["security finding"]
print(f"{counts['tried'] - bad} passed, {bad} failed")
sys.exit(1 if bad else 0)
