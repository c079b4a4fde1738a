#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Every shipped translation of a tier or channel name is a word the CSV
import accepts, whatever language the importer runs in.

Reads the labels from src/core/common/cd-types.c, their translations from
each po/LANG.po named in po/LINGUAS, and the word tables in
src/core/customers/cd-customers.c."""

import re
import sys
from pathlib import Path

root = Path(sys.argv[1])
types_c = (root / "src/core/common/cd-types.c").read_text(encoding="utf-8")
words_c = (root / "src/core/customers/cd-customers.c").read_text(encoding="utf-8")

ENUMS = {"CdTier": ("tier_words", "CD_TIER_"), "CdChannel": ("channel_words", "CD_CHANNEL_")}


def labels(type_name):
    m = re.search(r"CD_DEFINE_ENUM_FUNCS \(%s, \w+,(.*?)\)\n" % type_name, types_c, re.S)
    if not m:
        sys.exit("no %s table in cd-types.c" % type_name)
    return re.findall(r'\{ "(\w+)", N_\("([^"]+)"\) \}', m.group(1))


def word_table(name):
    m = re.search(r"static const WordValue %s\[\] = \{(.*?)\n\};" % name, words_c, re.S)
    if not m:
        sys.exit("no %s in cd-customers.c" % name)
    return {w: v for w, v in re.findall(r'\{ "([^"]+)", (CD_\w+) \}', m.group(1))}


def unquote(block):
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).replace('\\"', '"').replace("\\n", "\n")


def translations(po_path):
    out = {}
    text = po_path.read_text(encoding="utf-8")
    for entry in text.split("\n\n"):
        if "\n#~" in "\n" + entry:
            continue
        ctx = re.search(r'^msgctxt ((?:".*"\n?)+)', entry, re.M)
        mid = re.search(r'^msgid ((?:".*"\n?)+)', entry, re.M)
        mstr = re.search(r'^msgstr ((?:".*"\n?)+)', entry, re.M)
        if not mid or not mstr:
            continue
        out[(unquote(ctx.group(1)) if ctx else None, unquote(mid.group(1)))] = unquote(mstr.group(1))
    return out


problems = []
linguas = [l.strip() for l in (root / "po/LINGUAS").read_text().split() if l.strip() and not l.startswith("#")]
for lang in linguas:
    po = translations(root / "po" / (lang + ".po"))
    for type_name, (table_name, prefix) in ENUMS.items():
        table = word_table(table_name)
        for nick, label in labels(type_name):
            value = prefix + nick.upper()
            word = po.get((None, label), "")
            if not word:
                problems.append("%s: “%s” is not translated" % (lang, label))
                continue
            w = word.casefold()
            if w != label.casefold() and table.get(w) != value:
                problems.append("%s: “%s” (%s) is not in %s as %s" % (lang, w, label, table_name, value))

if problems:
    print("\n".join(problems))
    sys.exit(1)
print("every translated tier and channel name in %s is accepted" % ", ".join(linguas))
