#!/usr/bin/env python3
"""Call sites of the interface for the service's typed errors (issue 17, part C).

Usage: scripts/typed-errors.py SRC_DIR   (e.g. src). Idempotent: a second run
changes nothing. Rewrites only line-local call sites in SRC_DIR/tui and
SRC_DIR/main.rs.
"""
import pathlib
import re
import sys

src = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else "src")
changed = []


def edit(path, pairs=(), regex=()):
    p = src / path if not isinstance(path, pathlib.Path) else path
    if not p.exists():
        print(f"skip {p}: not found")
        return
    s = old = p.read_text()
    for a, b in pairs:
        s = s.replace(a, b)
    for a, b in regex:
        s = re.sub(a, b, s)
    if s != old:
        p.write_text(s)
        changed.append(str(p))


# The admin sections name the operation a refusal is about as a typed value.
OPS = {"IMPORT": "Import", "PRACTICE": "Practice", "OPERATORS": "Operators",
       "AUDIT": "Audit", "BACKUP": "Backup", "AGENDA": "Agenda", "PAI": "Pai",
       "CLINICAL_MANAGER": "ClinicalManager", "GDPR": "Gdpr", "COMPACT": "Compact"}
for p in (src / "tui").rglob("*.rs"):
    edit(p,
         pairs=[("use crate::service::auth::what;", "use crate::service::Operation;"),
                ("pub fn needs_admin(self) -> Option<&'static str>",
                 "pub fn needs_admin(self) -> Option<crate::service::Operation>")],
         regex=[(r"\bwhat::(" + "|".join(OPS) + r")\b", lambda m: "Operation::" + OPS[m.group(1)])])

# Appointment states in the operator's language (texts::label), not the
# domain's Italian.
for p in (src / "tui" / "agenda").rglob("*.rs"):
    edit(p, regex=[(r"\bapp\.stato\.label\(\)",
                    "crate::texts::label::app_stato(env.s.lang, &app.stato)")])

print("\n".join(sorted(set(changed))) or "nothing to change")
