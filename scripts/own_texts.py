#!/usr/bin/env python3
"""Each feature of the terminal interface reads its own texts.

Rewrites the access paths of texts in the feature folders of a `src/tui`
directory so that no feature goes through the application's `Strings`
handle (`env.s`) or reads another feature's texts:

* `use crate::tui::strings::Strings;` becomes the feature's own
  `use crate::tui::<feature>::strings::Texts;` (every feature's `strings.rs`
  declares `Texts`: the kit's texts and the feature's own), and the type
  `Strings` in signatures becomes `Texts`;
* `env.s.kit.x` becomes `env.kit.x`, `env.s.lang` becomes `env.lang`, any
  other `env.s` becomes `Texts::of(env)`;
* a text of another feature that was moved (to the kit, or to the reading
  feature) is read where it now is (`MOVED` below), also through a local
  alias (`let a = s.gestori;` becomes `let a = s.kit;`);
* in a feature's `keys.rs` the labels take the language:
  `|s| s.patto.k_open` becomes `|l| t(l).patto.k_open`, with `t` the
  feature's texts in that language;
* a binding's label is called with a language: `(b.label)(s)` becomes
  `(b.label)(s.lang)`.

Only whole access paths are rewritten, one line at a time, so lines changed
by other work in the same files merge and the script runs again on the
result. It changes nothing on a second run. Prints what it changed and any
read of another feature's texts left over; exits 1 if there is one.

Usage: scripts/own_texts.py [SRC_TUI_DIR]   (default: src/tui)
"""

import os
import re
import sys

# Each feature folder and the parts of the texts that are its own.
FEATURES = {
    "shell": ["shell"],
    "patients": ["patients"],
    "patto": ["patto"],
    "gestore": ["gestori"],
    "pai": ["pai"],
    "agenda": ["agenda"],
    "richiami": ["richiami"],
    "admin": ["admin", "agenda_admin", "access"],
}
ALL_PARTS = sorted({p for parts in FEATURES.values() for p in parts}, key=len, reverse=True)

# Texts one feature read from another one: (part, text) -> where they are
# now: "kit" (two or more features show them) or "own" (only the reading
# feature does: they moved to its first part).
MOVED = {
    ("gestori", "canale"): "kit",
    ("gestori", "tipo_label"): "kit",
    ("gestori", "tipo_short"): "kit",
    ("gestori", "levels_text"): "kit",
    ("gestori", "col_denominazione"): "kit",
    ("gestori", "col_tipo"): "kit",
    ("gestori", "col_telefono"): "kit",
    ("gestori", "help_admin"): "own",
    ("agenda", "col_paziente"): "kit",
    ("agenda", "col_prestazione"): "kit",
    ("agenda", "col_gestore"): "kit",
    ("agenda", "col_stato"): "kit",
    ("agenda", "head_da_prenotare"): "own",
    ("patto", "col_stato"): "kit",
    ("patto", "state"): "kit",
    ("patto", "state_short"): "kit",
    ("access", "f_username"): "kit",
    ("access", "f_password"): "kit",
    ("access", "f_password2"): "kit",
    ("access", "f_operator"): "kit",
    ("access", "err_mismatch"): "kit",
    ("access", "min_length"): "kit",
    ("pai", "key_insert"): "kit",
    ("pai", "key_delete"): "kit",
    ("shell", "k_save"): "kit",
    ("shell", "k_discard"): "kit",
    ("shell", "k_stay"): "kit",
    ("shell", "title_lookup"): "own",
    ("shell", "title_record"): "own",
}

PARTS_RE = "|".join(ALL_PARTS)


def dest_part(feature, part, field):
    """Where a read of `part.field` from `feature` goes, or None if it stays."""
    if part in FEATURES[feature]:
        return None
    where = MOVED.get((part, field))
    if where == "kit":
        return "kit"
    if where == "own":
        return FEATURES[feature][0]
    return None


def rewrite_screen_file(text, feature):
    own = FEATURES[feature]
    # The app's handle -> the feature's texts.
    text = re.sub(
        r"use crate::tui::strings::Strings;",
        f"use crate::tui::{feature}::strings::Texts;",
        text,
    )
    text = re.sub(r"crate::tui::strings::Strings\b", f"crate::tui::{feature}::strings::Texts", text)
    text = re.sub(r"(?<![\w:])Strings\b", "Texts", text)

    # Moved texts read through a path: s.gestori.canale, env.s.access.f_x.
    def moved(m):
        base, gap1, part, gap2, field = m.groups()
        dest = dest_part(feature, part, field)
        if dest is None:
            return m.group(0)
        if dest == "kit" and re.fullmatch(r"env\s*\.s", base):
            return f"env.kit{gap2}.{field}"
        return f"{base}{gap1}.{dest}{gap2}.{field}"

    # (a path may be cut over lines by rustfmt: `s\n    .agenda\n    .x`)
    text = re.sub(rf"\b(env\s*\.s|s)(\s*)\.({PARTS_RE})(\s*)\.(\w+)\b", moved, text)

    # Moved texts read through an alias of another feature's part.
    def alias(m):
        indent, var, base, part = m.group(1), m.group(2), m.group(3), m.group(4)
        if part in own:
            return m.group(0)
        if base == "env.s":
            return f"{indent}let {var} = env.kit;"
        return f"{indent}let {var} = {base}.kit;"

    text = re.sub(rf"^(\s*)let (\w+) = (env\.s|s)\.({PARTS_RE});", alias, text, flags=re.M)

    # Labels of bindings take the language.
    text = re.sub(r"(\((?:\w+\.)*label\))\((\w+)\)", r"\1(\2.lang)", text)

    # The kit's texts through the kit, the feature's through its Texts.
    text = re.sub(r"\benv\s*\.s\s*\.kit\b", "env.kit", text)
    text = re.sub(r"\benv\s*\.s\s*\.lang\b", "env.lang", text)
    text = re.sub(r"\benv\s*\.s\b(?![\w(])", "Texts::of(env)", text)
    return import_texts(text, feature)


def import_texts(text, feature):
    """Adds `use crate::tui::<feature>::strings::Texts;` where `Texts` is
    named and not imported yet."""
    body = re.sub(r"//[^\n]*", "", text)
    if not re.search(r"(?<![\w:])Texts\b", body):
        return text
    imported = rf"^use crate::tui::{feature}::strings::(?:Texts;|\{{[^}}]*\bTexts\b)"
    if re.search(imported, text, re.M):
        return text
    uses = list(re.finditer(r"^use [^;]*;\n", text, re.M))
    if not uses:
        return text
    at = uses[-1].end()
    return text[:at] + f"use crate::tui::{feature}::strings::Texts;\n" + text[at:]


def rewrite_keys_file(text, feature):
    text = re.sub(r"\|s\| s\.", "|l| t(l).", text)
    if "|l| t(l)." in text and "fn t(lang: Lang)" not in text:
        helper = (
            "\n/// The feature's texts in `lang`, for the labels below.\n"
            f"fn t(lang: Lang) -> &'static Texts {{\n    Texts::for_lang(lang)\n}}\n"
        )
        uses = list(re.finditer(r"^use [^\n]*;\n", text, re.M))
        at = uses[-1].end()
        imports = (
            "use crate::tui::kit::lang::Lang;\n"
            f"use crate::tui::{feature}::strings::Texts;\n"
        )
        text = text[:at] + imports + helper + text[at:]
    return text


def leftovers(text, feature):
    """Reads of another feature's texts still in `text`."""
    out = []
    pattern = rf"crate::tui::strings\b|\benv\s*\.s\b(?!\w)|\b(?:s|t\(l\))\s*\.({PARTS_RE})\b"
    for m in re.finditer(pattern, text):
        if m.group(1) in FEATURES[feature]:
            continue
        line = text.count("\n", 0, m.start()) + 1
        out.append((line, " ".join(m.group(0).split())))
    return out


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else "src/tui"
    changed = []
    left = []
    for feature in FEATURES:
        folder = os.path.join(root, feature)
        for dirpath, _, files in os.walk(folder):
            for name in sorted(files):
                if not name.endswith(".rs") or name == "strings.rs":
                    continue
                path = os.path.join(dirpath, name)
                with open(path, encoding="utf-8") as f:
                    before = f.read()
                if name == "keys.rs":
                    after = rewrite_keys_file(before, feature)
                else:
                    after = rewrite_screen_file(before, feature)
                if after != before:
                    with open(path, "w", encoding="utf-8") as f:
                        f.write(after)
                    changed.append(path)
                left += [(path, i, line) for i, line in leftovers(after, feature)]
    for path in changed:
        print(f"rewrote {path}")
    for path, i, line in left:
        print(f"{path}:{i}: still reads another feature's texts: {line}")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
