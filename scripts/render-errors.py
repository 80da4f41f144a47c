#!/usr/bin/env python3
"""Screens render the service's errors in the operator's language.

Usage: scripts/render-errors.py [SRC_DIR]   (run from the crate's root; SRC_DIR
defaults to src). Asks `cargo check` where a `DeskError` is still turned into
text with `to_string()` (it has no Display: the interface must choose the
language) and rewrites each such call, inside SRC_DIR/tui only, as
`crate::texts::error(LANG, &e)`, LANG being what the enclosing function has
at hand: `env.s.lang`, `self.s.lang`, `s.lang`. Sites in functions that have
none of them (loaders given only the desk) render in Italian and are listed:
they need the language passed in by hand. Idempotent: a second run finds
nothing to change.
"""
import json
import pathlib
import re
import subprocess
import sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")


ERROR_RS = src / "service" / "error.rs"
BEGIN, END = "// display-impl-begin\n", "// display-impl-end\n"


def sites():
    # DeskError's Italian Display (kept for logs and tests) is taken out
    # while checking, so that the compiler names every place that turns a
    # DeskError into text without a language.
    original = ERROR_RS.read_text()
    a, b = original.index(BEGIN), original.index(END)
    ERROR_RS.write_text(original[:a] + original[b:])
    try:
        out = subprocess.run(
            ["cargo", "check", "--lib", "--message-format=json"],
            capture_output=True, text=True).stdout
    finally:
        ERROR_RS.write_text(original)
    found = set()
    for line in out.splitlines():
        try:
            m = json.loads(line)
        except json.JSONDecodeError:
            continue
        if m.get("reason") != "compiler-message":
            continue
        msg = m["message"]
        if msg["level"] != "error" or "`DeskError` doesn't implement" not in msg["message"]:
            continue
        for sp in msg["spans"]:
            if sp["is_primary"] and sp["file_name"].startswith(str(src / "tui")):
                found.add((sp["file_name"], sp["line_start"], sp["column_start"]))
    return found


def lang_at(lines, i):
    """The language expression in scope at line index `i`."""
    j = i
    while j >= 0 and not re.search(r"\bfn\s+\w+", lines[j]):
        j -= 1
    if j < 0:
        return None
    sig = ""
    k = j
    while k <= i:
        sig += lines[k]
        if "{" in lines[k]:
            break
        k += 1
    body = "".join(lines[k:i + 1])
    if re.search(r"\benv\s*:", sig) or re.search(r"\blet\s+env\b", body):
        return "env.s.lang"
    if re.search(r"\bs\s*:\s*&", sig):
        return "s.lang"
    if re.search(r"&(mut )?self\b", sig) and app_like(lines):
        return "self.s.lang"
    return None


def app_like(lines):
    return any(re.search(r"^\s*(pub )?s:\s*&?('static\s+)?Strings", l) for l in lines)


left = []
total = 0
for _ in range(5):
    found = sites()
    if not found:
        break
    by_file = {}
    for f, l, c in found:
        by_file.setdefault(f, []).append((l, c))
    changed = 0
    for f, spots in by_file.items():
        p = pathlib.Path(f)
        lines = p.read_text().splitlines(keepends=True)
        for l, c in sorted(spots, key=lambda t: (-t[0], -t[1])):
            i = l - 1
            text = lines[i]
            # `RECV.to_string()` with the span on `to_string`.
            head, tail = text[:c - 1], text[c - 1:]
            m = re.search(r"([A-Za-z_][\w.]*)\.$", head)
            if not tail.startswith("to_string()") or not m:
                left.append(f"{f}:{l}: {text.strip()}")
                continue
            lang = lang_at(lines, i)
            if lang is None:
                left.append(f"{f}:{l}: {text.strip()}")
                lang = "crate::texts::Lang::It"
            recv = m.group(1)
            lines[i] = (head[:m.start()] + f"crate::texts::error({lang}, &{recv})"
                        + tail[len("to_string()"):])
            changed += 1
        p.write_text("".join(lines))
    total += changed
    if changed == 0:
        break

print(f"{total} call sites rewritten")
for p in sorted((src / "tui").rglob("*.rs")):
    for n, line in enumerate(p.read_text().splitlines(), 1):
        if "crate::texts::error(crate::texts::Lang::It" in line:
            print(f"Italian only, pass the language by hand: {p}:{n}: {line.strip()}")
