#!/usr/bin/python3
"""xref.py ROOT - the layers checked from the calls, not the includes (TAP).

tests/layering.sh reads the #include lines; this reads what cscope and
universal-ctags see, so a call that climbs a layer without an include (a
prototype written by hand, an extern) is caught too, and a name that
would make such a tool show calls that are not there fails:

  - every call to a function defined outside its file goes to the same
    layer or a lower one (base 0 < model 1 < subsystems 2 < cli 3), and
    never from one subsystem into another;
  - a function with external linkage is defined once in the tree;
  - no static function is named like a function, struct or type of
    another file, and no struct name is used by two folders.

cscope's C parser takes a GNU __attribute__ after a declaration in a
header for the start of a body, so only the .c files go into its
database (a definition is in a .c file anyway)."""
import json
import os
import shutil
import subprocess
import sys
import tempfile

SUBSYSTEMS = ["probes", "bench", "reports", "verify", "history", "site", "mail"]
LAYERS = ["base", "model"] + SUBSYSTEMS + ["cli"]


def rank(layer):
    return {"base": 0, "model": 1, "cli": 3}.get(layer, 2 if layer in SUBSYSTEMS else -1)


def layer_of(path):
    return path.split("/", 1)[0]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "."
    os.chdir(root)
    sources = sorted(os.path.join(d, f) for d in LAYERS if os.path.isdir(d)
                     for f in os.listdir(d) if f.endswith(".c"))
    headers = sorted(os.path.join(d, f) for d in LAYERS if os.path.isdir(d)
                     for f in os.listdir(d) if f.endswith(".h"))
    # Debian's universal-ctags installs ctags-universal; plain "ctags" may
    # be exuberant-ctags, which has no JSON output
    ctags = shutil.which("ctags-universal") or "ctags"
    tags = subprocess.run([ctags, "--output-format=json", "--fields=+nf", "--kinds-C=fst", "-f", "-"]
                          + sources + headers, capture_output=True, text=True, check=True).stdout
    globals_, statics, types = {}, [], {}
    for line in tags.splitlines():
        t = json.loads(line)
        if t.get("_type") != "tag":
            continue
        if t["kind"] == "function":
            if t.get("file"):
                statics.append((t["name"], t["path"]))
            else:
                globals_.setdefault(t["name"], []).append(t["path"])
        elif t["kind"] in ("struct", "typedef") and not t["name"].startswith("__anon"):
            types.setdefault(t["name"], set()).add(t["path"])

    failures = []
    n = 0
    with tempfile.TemporaryDirectory() as tmp:
        listing = os.path.join(tmp, "files")
        # absolute names: with relative ones cscope 15.9 sometimes cannot
        # read back a line it stored ("Internal error: cannot get source
        # line from database", seen with 121 files); its answers are made
        # relative again below
        here = os.getcwd()
        with open(listing, "w") as f:
            f.write("\n".join(os.path.join(here, s) for s in sources) + "\n")
        db = os.path.join(tmp, "cscope.out")
        subprocess.run(["cscope", "-b", "-k", "-f", db, "-i", listing], check=True)
        for name in sorted(globals_):
            where = globals_[name]
            n += 1
            if len(where) > 1 and name != "main":  # each program has one
                failures.append("%s is defined in %s" % (name, " and ".join(where)))
                continue
            callee = layer_of(where[0])
            out = subprocess.run(["cscope", "-d", "-f", db, "-L", "-3", name], capture_output=True,
                                 text=True, check=True).stdout
            for call in out.splitlines():
                path, caller, lineno = call.split(" ", 3)[:3]
                path = os.path.relpath(path, here)
                layer = layer_of(path)
                if path == where[0]:
                    continue
                if rank(layer) < rank(callee) or (rank(layer) == rank(callee) == 2 and layer != callee):
                    failures.append("%s:%s: %s calls %s of %s/" % (path, lineno, caller, name, callee))

    # names a cross-reference would confuse
    for name, path in statics:
        n += 1
        others = [p for p in globals_.get(name, []) if p != path]
        others += sorted(p for p in types.get(name, set()) if layer_of(p) != layer_of(path))
        if others:
            failures.append("%s: static %s() is named like %s's %s" % (path, name, others[0], name))
    for name, paths in sorted(types.items()):
        folders = sorted({layer_of(p) for p in paths})
        n += 1
        if len(folders) > 1:
            failures.append("struct/type %s is defined in %s" % (name, " and ".join(sorted(paths))))

    print("1..2")
    print("%s 1 - %d names and calls read: no call climbs a layer or crosses to another subsystem"
          % ("ok" if not any(" calls " in f or "defined in" in f and "struct" not in f for f in failures)
             else "not ok", n))
    print("%s 2 - no name is used twice in a way a cross-reference would confuse"
          % ("ok" if not any("static" in f or "struct/type" in f for f in failures) else "not ok"))
    for f in failures:
        print("#   " + f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
