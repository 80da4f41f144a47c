#!/usr/bin/env python3
"""The interface names domain values in the operator's language (issue 17):
call sites of the domain's Italian label functions in SRC_DIR/tui and
SRC_DIR/main.rs become calls of crate::texts::label::X(lang, value).

Usage: scripts/labels.py SRC_DIR   (e.g. src). Idempotent: a second run
changes nothing (a rewritten call no longer matches).

The language is taken from the enclosing function: where it has an `env`,
`env.lang` if the kit's Env struct has a `lang` field, else `env.s.lang`; `self.s.lang` in a method of
a screen holding its strings as `s`, `s.lang` where a local `s` is the
strings, `lang` where a `lang` is in scope, `cli.lang.into()` in main.rs.
A call site where none is found is left alone and printed.

Values that are typed back and parsed (the frequency and the printer in
their input fields) keep the domain's Italian form on purpose; so do the
service's stored and exported texts (audit summaries, GDPR JSON, CSV).
"""
import pathlib
import re
import sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
changed = []
unresolved = []

# (pattern over the expression, label function, whether it takes a reference)
# VALUE is a Rust place expression: a path with fields and indexing.
VALUE = r"((?:[A-Za-z_][A-Za-z0-9_]*)(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[A-Za-z0-9_.]+\])*)"
RULES = [
    # Audit trail action.
    (re.compile(VALUE + r"(?<=\.action)\.label\(\)"), "audit_action", False),
    # Gestore type.
    (re.compile(VALUE + r"(?<=\.tipo)\.label\(\)"), "gestore_tipo", False),
    # Role (main.rs' operator commands).
    (re.compile(VALUE + r"(?<=\.role)\.label\(\)"), "role", False),
    # Where a PAI item is done.
    (re.compile(VALUE + r"(?<=\.luogo)\.label\(\)"), "luogo", True),
    # Weekly patterns of a resource.
    (re.compile(r"\b(p|removed|r\.patterns\[i\])\.label\(\)"), "pattern", True),
    # Closures.
    (re.compile(VALUE + r"\.periodo_label\(\)"), "closure_period", True),
]
# Plain names bound to owned values at their call sites (the others are
# references from iterators and `Option::map`).
OWNED = {"removed", "saved"}
# Function calls of the domain's weekday names.
CALLS = [
    (re.compile(r"(?<![:\w])giorno_label\("), "giorno"),
    (re.compile(r"(?<![:\w])giorni_label\("), "giorni"),
    (re.compile(r"(?<![:\w])giorno_breve\("), "giorno_breve"),
]
# A frequency shown (not an input field's value, which is parsed back).
FREQ_SHOWN = re.compile(r"cut\(&item\.frequenza\.label\(\)")
# Imports of the weekday names left unused once the calls are rewritten.
IMPORTS = re.compile(r"\b(giorni_label|giorno_label|giorno_breve),\s*")

def env_lang():
    """`env.lang` once the kit's Env carries the language, else `env.s.lang`."""
    for p in sorted((src / "tui" / "kit").rglob("*.rs")):
        m = re.search(r"pub struct Env\b[^}]*}", p.read_text(), re.S)
        if m:
            return "env.lang" if re.search(r"\bpub lang\b", m.group(0)) else "env.s.lang"
    return "env.s.lang"


ENV_LANG = env_lang()
FN = re.compile(r"(?m)^\s*(?:pub(?:\([a-z]+\))?\s+)?fn\s+\w+")


def lang_at(text, pos, path):
    """The language expression in scope at `pos`: looked for in the enclosing fn."""
    start = 0
    for m in FN.finditer(text[:pos]):
        start = m.start()
    body = text[start:pos]
    if path.name == "main.rs" and "cli" in body:
        return "cli.lang.into()"
    if re.search(r"\benv\b", body):
        return ENV_LANG
    if "self.s." in body or ("&self" in body and "self.s.lang" in text):
        return "self.s.lang"
    if re.search(r"\blet s = |\bs: &", body):
        return "s.lang"
    if re.search(r"\blang\b", body):
        return "lang"
    return None


def rewrite(path):
    text = old = path.read_text()
    prefix = "sportello::texts::label::" if path.name == "main.rs" else "crate::texts::label::"

    def sub_rule(rx, func, by_ref, text):
        out, last = [], 0
        for m in rx.finditer(text):
            lang = lang_at(text, m.start(), path)
            if lang is None:
                unresolved.append(f"{path}:{text[:m.start()].count(chr(10)) + 1}: {m.group(0)}")
                continue
            # The group is the whole value, field included (`e.action`); a
            # value bound by reference (`p`, `removed`) is passed as it is.
            expr = m.group(1)
            owned = "." in expr or "[" in expr or expr in OWNED
            amp = "&" if by_ref and owned else ""
            out.append(text[last:m.start()])
            out.append(f"{prefix}{func}({lang}, {amp}{expr})")
            last = m.end()
        out.append(text[last:])
        return "".join(out)

    for rx, func, by_ref in RULES:
        text = sub_rule(rx, func, by_ref, text)
    for rx, func in CALLS:
        out, last = [], 0
        for m in rx.finditer(text):
            lang = lang_at(text, m.start(), path)
            if lang is None:
                unresolved.append(f"{path}:{text[:m.start()].count(chr(10)) + 1}: {m.group(0)}")
                continue
            out.append(text[last:m.start()])
            out.append(f"{prefix}{func}({lang}, ")
            last = m.end()
        out.append(text[last:])
        text = "".join(out)
    for m in list(FREQ_SHOWN.finditer(text))[::-1]:
        lang = lang_at(text, m.start(), path)
        if lang is None:
            continue
        text = text[:m.start()] + f"cut(&{prefix}frequenza({lang}, item.frequenza)" + text[m.end():]
    if text != old:
        # Imports of the domain's weekday names no longer used.
        for name in ("giorni_label", "giorno_label", "giorno_breve"):
            uses = len(re.findall(r"(?<![:\w])" + name + r"\b", text))
            imported = re.search(r"(?<![:\w])" + name + r",\s*", text)
            if imported and uses == 1:
                text = text[:imported.start()] + text[imported.end():]
        path.write_text(text)
        changed.append(str(path))


targets = sorted((src / "tui").rglob("*.rs")) + [src / "main.rs"]
for p in targets:
    if p.exists() and p.name != "strings.rs":
        rewrite(p)

print("\n".join(changed) or "nothing to change")
if unresolved:
    print("left alone (no language in scope):", *unresolved, sep="\n  ")
