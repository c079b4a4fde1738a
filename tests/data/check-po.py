#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check that the translations are complete and that po/POTFILES is.

Usage: check-po.py SOURCE_ROOT

1. Extracts a fresh template from the files listed in po/POTFILES and
   lists every message that a translation in po/LINGUAS lacks, leaves
   empty or marks fuzzy.
2. Lists every file under src/ that has translatable strings but is not
   in po/POTFILES, and every data file with translatable text that is
   missing from it.
3. Runs msgfmt --check on every translation.

Exits 1 when anything is wrong, after reporting all of it.
"""

import os
import re
import subprocess
import sys
import tempfile

C_KEYWORDS = [
    '--keyword=_',
    '--keyword=N_',
    '--keyword=C_:1c,2',
    '--keyword=NC_:1c,2',
    '--keyword=g_dngettext:2,3',
    '--keyword=ngettext:1,2',
]

# A call of a gettext macro or function, with or without a space before
# the parenthesis; the look-behind keeps g_return_if_fail( and the like out.
C_MARKER = re.compile(r'(?<![A-Za-z0-9_])(?:_|N_|C_|NC_|ngettext|g_dngettext)\s*\(')
UI_MARKER = re.compile(r'translatable\s*=\s*"(?:yes|true|1)"', re.IGNORECASE)
DATA_PATTERNS = ('.desktop.in', '.metainfo.xml.in', '.gschema.xml')

problems = []


def problem(text):
    problems.append(text)
    print(text)


def read_list(path):
    entries = []
    with open(path, encoding='utf-8') as f:
        for line in f:
            line = line.strip()
            if line and not line.startswith('#'):
                entries.extend(line.split())
    return entries


def unquote(s):
    s = s.strip()
    if len(s) < 2 or s[0] != '"' or s[-1] != '"':
        raise ValueError('not a quoted string: %r' % s)
    s = s[1:-1]
    out = []
    i = 0
    escapes = {'n': '\n', 't': '\t', 'r': '\r', '"': '"', '\\': '\\',
               'a': '\a', 'b': '\b', 'f': '\f', 'v': '\v'}
    while i < len(s):
        c = s[i]
        if c == '\\' and i + 1 < len(s):
            i += 1
            out.append(escapes.get(s[i], '\\' + s[i]))
        else:
            out.append(c)
        i += 1
    return ''.join(out)


class Entry:
    def __init__(self):
        self.ctxt = None
        self.msgid = None
        self.plural = None
        self.msgstr = {}
        self.flags = set()
        self.refs = []
        self.obsolete = False

    def key(self):
        return (self.ctxt, self.msgid)


def parse_po(path):
    """Return {(msgctxt, msgid): Entry} for the non-obsolete entries."""
    entries = {}
    cur = Entry()
    field = None

    def finish():
        nonlocal cur, field
        if cur.msgid is not None and not cur.obsolete:
            entries[cur.key()] = cur
        cur = Entry()
        field = None

    with open(path, encoding='utf-8') as f:
        for lineno, raw in enumerate(f, 1):
            line = raw.rstrip('\n')
            stripped = line.strip()
            if not stripped:
                finish()
                continue
            if stripped.startswith('#~'):
                cur.obsolete = True
                continue
            if stripped.startswith('#,'):
                if cur.msgid is not None:
                    finish()
                cur.flags.update(x.strip() for x in stripped[2:].split(','))
                continue
            if stripped.startswith('#:'):
                if cur.msgid is not None:
                    finish()
                cur.refs.extend(stripped[2:].split())
                continue
            if stripped.startswith('#'):
                if cur.msgid is not None:
                    finish()
                continue
            m = re.match(r'(msgctxt|msgid_plural|msgid|msgstr(?:\[(\d+)\])?)\s+(".*")$', stripped)
            try:
                if m:
                    kw, index, value = m.group(1), m.group(2), unquote(m.group(3))
                    if kw == 'msgctxt' or (kw == 'msgid' and cur.msgid is not None
                                           and field not in ('msgctxt',)):
                        if cur.msgid is not None:
                            finish()
                    if kw == 'msgctxt':
                        cur.ctxt = value
                        field = 'msgctxt'
                    elif kw == 'msgid':
                        cur.msgid = value
                        field = 'msgid'
                    elif kw == 'msgid_plural':
                        cur.plural = value
                        field = 'msgid_plural'
                    else:
                        n = int(index) if index is not None else 0
                        cur.msgstr[n] = value
                        field = ('msgstr', n)
                elif stripped.startswith('"') and field is not None:
                    value = unquote(stripped)
                    if field == 'msgctxt':
                        cur.ctxt += value
                    elif field == 'msgid':
                        cur.msgid += value
                    elif field == 'msgid_plural':
                        cur.plural += value
                    else:
                        cur.msgstr[field[1]] += value
                else:
                    raise ValueError('unexpected line')
            except ValueError as e:
                problem('%s:%d: cannot read this line (%s): %s' % (path, lineno, e, line))
    if cur.msgid is not None:
        finish()
    return entries


def describe(entry):
    text = entry.msgid.replace('\n', '\\n')
    if len(text) > 70:
        text = text[:67] + '...'
    where = ' (%s)' % ', '.join(entry.refs[:3]) if entry.refs else ''
    ctxt = '[%s] ' % entry.ctxt if entry.ctxt else ''
    return '%s"%s"%s' % (ctxt, text, where)


def run(cmd, cwd):
    result = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, universal_newlines=True)
    if result.returncode != 0:
        problem('%s failed (exit %d):\n%s' % (' '.join(cmd), result.returncode,
                                               result.stdout.rstrip()))
        return False
    if result.stdout.strip():
        print(result.stdout.rstrip())
    return True


def make_template(root, potfiles, out):
    c_files = [p for p in potfiles if p.endswith(('.c', '.h'))]
    ui_files = [p for p in potfiles if p.endswith('.ui')]
    other_files = [p for p in potfiles if p not in c_files and p not in ui_files]
    common = ['xgettext', '--from-code=UTF-8', '--add-comments=Translators',
              '--force-po', '--sort-by-file', '-o', out]
    steps = []
    if c_files:
        steps.append(['--language=C'] + C_KEYWORDS + c_files)
    if ui_files:
        steps.append(['--language=Glade'] + ui_files)
    if other_files:
        # The language follows from the file name: desktop entries, and the
        # ITS rules that GLib and AppStream install for schemas and metainfo.
        steps.append(other_files)
    if not steps:
        steps.append(['--language=C', os.devnull])
    for i, step in enumerate(steps):
        join = ['--join-existing'] if i > 0 else []
        if not run(common + join + step, root):
            return False
    return True


def check_translations(root, potfiles, languages):
    with tempfile.TemporaryDirectory(prefix='caredesk-po-') as tmp:
        pot = os.path.join(tmp, 'caredesk.pot')
        if not make_template(root, potfiles, pot):
            return
        template = parse_po(pot)
        template.pop((None, ''), None)
        print('The template has %d messages.' % len(template))
        for lang in languages:
            po_path = os.path.join(root, 'po', lang + '.po')
            rel = os.path.relpath(po_path, root)
            if not os.path.exists(po_path):
                problem('%s is listed in po/LINGUAS but does not exist.' % rel)
                continue
            translated = parse_po(po_path)
            missing, empty, fuzzy = [], [], []
            for key, entry in template.items():
                t = translated.get(key)
                if t is None:
                    missing.append(entry)
                elif 'fuzzy' in t.flags:
                    fuzzy.append(entry)
                elif (not t.msgstr or any(v == '' for v in t.msgstr.values())
                      or (entry.plural is not None and t.plural is None)):
                    empty.append(entry)
            bad = len(missing) + len(empty) + len(fuzzy)
            if bad == 0:
                print('%s: all %d messages are translated.' % (rel, len(template)))
                continue
            lines = ['%s: %d of %d messages need a translation:' % (rel, bad, len(template))]
            for label, group in (('missing', missing), ('empty', empty), ('fuzzy', fuzzy)):
                for entry in group:
                    lines.append('  %s: %s' % (label, describe(entry)))
            problem('\n'.join(lines))


def check_potfiles(root, potfiles):
    listed = set(potfiles)
    for p in potfiles:
        if not os.path.isfile(os.path.join(root, p)):
            problem('po/POTFILES lists %s, which does not exist.' % p)

    unlisted = []
    for dirpath, dirnames, filenames in os.walk(os.path.join(root, 'src')):
        dirnames.sort()
        for name in sorted(filenames):
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, root)
            if name.endswith(('.c', '.h')):
                marker = C_MARKER
            elif name.endswith('.ui'):
                marker = UI_MARKER
            else:
                continue
            with open(path, encoding='utf-8', errors='replace') as f:
                if marker.search(f.read()) and rel not in listed:
                    unlisted.append(rel)

    data_dir = os.path.join(root, 'data')
    for name in sorted(os.listdir(data_dir) if os.path.isdir(data_dir) else []):
        rel = os.path.join('data', name)
        if name.endswith(DATA_PATTERNS) and rel not in listed:
            unlisted.append(rel)

    if unlisted:
        problem('These files have translatable text but are missing from po/POTFILES:\n'
                + '\n'.join('  ' + p for p in unlisted))


def check_msgfmt(root, languages):
    for lang in languages:
        po_path = os.path.join('po', lang + '.po')
        if os.path.exists(os.path.join(root, po_path)):
            run(['msgfmt', '--check', '-o', os.devnull, po_path], root)


def main():
    if len(sys.argv) != 2:
        print(__doc__)
        return 2
    root = os.path.abspath(sys.argv[1])
    potfiles = read_list(os.path.join(root, 'po', 'POTFILES'))
    languages = read_list(os.path.join(root, 'po', 'LINGUAS'))

    check_potfiles(root, potfiles)
    check_translations(root, potfiles, languages)
    check_msgfmt(root, languages)

    if problems:
        print('\nFAIL: %d problem(s) found.' % len(problems))
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
