#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Checks that the GUI never sees SQL (SPEC.md section 5).

Usage: check-layers.py SOURCE_ROOT

Fails, naming the file and line, when a file under src/gui (or src/main.c)
includes sqlite3.h or a private header of the data layer, calls sqlite3_*,
uses the store's SQL-level functions, or contains SQL text; and when a
public header of src/core (one the GUI may include) includes sqlite3.h.
"""

import os
import re
import sys

PRIVATE_HEADERS = ('sqlite3.h', 'cd-store-private.h', 'cd-row-model-private.h', 'cd-sql-util.h')
SQL_API = re.compile(r'\b(sqlite3_\w+|cd_store_(prepare|step|exec|query_int|get_db|insert|update|delete|audit|get_version)'
                     r'|CdField|CdRowColumn|CD_NO_BIND|cd_row_model_(new|new_full|set_filter|set_query|set_count_complement'
                     r'|bind_params|dup_select_sql|get_params))\b')
# SQL in a string literal: a statement keyword followed by SQL words.
SQL_TEXT = re.compile(r'"[^"\n]*\b(SELECT\s+[\w*(]|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM'
                      r'|PRAGMA\s+\w+|BEGIN\s+IMMEDIATE|CREATE\s+(TABLE|INDEX))', re.IGNORECASE)
INCLUDE = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]')


def is_private(name):
    """sqlite3.h, and the data layer's headers that only it may include."""
    return name in PRIVATE_HEADERS or name.endswith('-private.h')


def strip_comments(text):
    """Blanks out C comments, keeping line numbers."""
    return re.sub(r'/\*.*?\*/', lambda m: re.sub(r'[^\n]', ' ', m.group(0)), text, flags=re.S)


CORE_PRIVATE = set()


def is_core_private(root, name):
    """True for a private header of src/core (cached list of their names)."""
    if not CORE_PRIVATE:
        for folder, _, files in os.walk(os.path.join(root, 'src', 'core')):
            CORE_PRIVATE.update(f for f in files if is_private(f))
        CORE_PRIVATE.add('sqlite3.h')
    return os.path.basename(name) in CORE_PRIVATE


def check_file(path, rel, problems, gui, root='.'):
    with open(path, encoding='utf-8', errors='replace') as f:
        text = strip_comments(f.read())
    for n, line in enumerate(text.split('\n'), 1):
        m = INCLUDE.match(line)
        if m:
            # A private header of the GUI's own (cd-tickets-view-private.h)
            # is fine; one of the data layer's, or sqlite3.h, is not.
            if is_core_private(root, m.group(1)):
                problems.append(f'{rel}:{n}: includes {m.group(1)}')
            continue
        if not gui:
            continue
        code = re.sub(r'//.*', '', line)
        m = SQL_API.search(code)
        if m:
            problems.append(f'{rel}:{n}: uses {m.group(1)}')
        m = SQL_TEXT.search(code)
        if m:
            problems.append(f'{rel}:{n}: contains SQL ({m.group(1).strip()}…)')


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else '.'
    problems = []
    checked = 0
    gui_root = os.path.join(root, 'src', 'gui')
    for folder, _, files in os.walk(gui_root):
        for name in sorted(files):
            if name.endswith(('.c', '.h')):
                path = os.path.join(folder, name)
                check_file(path, os.path.relpath(path, root), problems, gui=True, root=root)
                checked += 1
    check_file(os.path.join(root, 'src', 'main.c'), 'src/main.c', problems, gui=True, root=root)
    checked += 1
    # Public core headers are the ones the GUI may include: no sqlite3.h.
    for folder, _, files in os.walk(os.path.join(root, 'src', 'core')):
        for name in sorted(files):
            if name.endswith('.h') and not is_private(name):
                path = os.path.join(folder, name)
                check_file(path, os.path.relpath(path, root), problems, gui=False, root=root)
                checked += 1

    if checked < 20:
        print(f'only {checked} files found under {root}: wrong source root?')
        return 1
    for p in problems:
        print(p)
    if problems:
        print(f'FAIL: {len(problems)} place(s) where the GUI reaches past the data layer.')
        return 1
    print(f'OK: {checked} files, no SQL in the GUI and no sqlite3.h in public core headers.')
    return 0


if __name__ == '__main__':
    sys.exit(main())
