#!/usr/bin/python3
"""schema_check.py SCHEMA FILE... - validate JSON documents against a JSON
Schema (Draft 2020-12) with Debian's python3-jsonschema.

schema_check.py --paths SCHEMA PATH... - check that every dotted path
("probe.cpu.brand", "probe.storage.arrays[0].state") names a place the
schema describes: a path the code reads must not be a field the document
does not have.

Prints one "ok N - FILE" or "not ok N - FILE: where: what" line per file
(TAP), then "N passed, N failed"; exit 1 when any failed.  "-" reads
standard input.  /usr/bin/python3 on purpose: the Debian module, not
whatever a user-level Python has installed.
"""
import json
import sys

from jsonschema import Draft202012Validator


def load(path):
    if path == "-":
        return json.load(sys.stdin)
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def resolve(schema, node):
    while isinstance(node, dict) and "$ref" in node:
        ref = node["$ref"]
        assert ref.startswith("#/")
        node = schema
        for part in ref[2:].split("/"):
            node = node[part]
    return node


def children(schema, node, step):
    """The subschemas a key (str) or an index (int) leads to; [] when none."""
    node = resolve(schema, node)
    if not isinstance(node, dict):
        return [node] if node is True else []
    found = []
    for branch in node.get("oneOf", []) + node.get("anyOf", []) + node.get("allOf", []):
        found += children(schema, branch, step)
    if isinstance(step, int):
        if "items" in node:
            found.append(node["items"])
        return found
    if step in node.get("properties", {}):
        found.append(node["properties"][step])
    elif isinstance(node.get("additionalProperties"), dict):
        found.append(node["additionalProperties"])
    return found


def path_steps(path):
    import re
    steps = []
    for part in path.split("."):
        m = re.fullmatch(r"([^\[\]]*)((\[[0-9]+\])*)", part)
        if not m:
            return None
        if m.group(1):
            steps.append(m.group(1))
        steps += [int(i) for i in re.findall(r"\[([0-9]+)\]", m.group(2))]
    return steps


def check_paths(argv):
    schema = load(argv[2])
    failed = 0
    for n, path in enumerate(argv[3:], 1):
        nodes = [schema]
        for step in path_steps(path) or [None]:
            nodes = [c for node in nodes for c in children(schema, node, step)] if step is not None else []
        if nodes:
            print(f"ok {n} - {path}")
        else:
            failed += 1
            print(f"not ok {n} - {path}: not a place {argv[2]} describes")
    total = len(argv) - 3
    print(f"1..{total}")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


def main(argv):
    if len(argv) > 1 and argv[1] == "--paths":
        return check_paths(argv)
    if len(argv) < 3:
        print("usage: schema_check.py SCHEMA FILE...", file=sys.stderr)
        return 2
    schema = load(argv[1])
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failed = 0
    for n, path in enumerate(argv[2:], 1):
        try:
            doc = load(path)
        except (OSError, ValueError) as e:
            print(f"not ok {n} - {path}: cannot read: {e}")
            failed += 1
            continue
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))
        if errors:
            failed += 1
            first = errors[0]
            where = ".".join(str(p) for p in first.absolute_path) or "(root)"
            print(f"not ok {n} - {path}: {where}: {first.message[:300]}"
                  + (f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""))
        else:
            print(f"ok {n} - {path}")
    total = len(argv) - 2
    print(f"1..{total}")
    print(f"{total - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
