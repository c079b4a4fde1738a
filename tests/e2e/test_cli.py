#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The command-line modes of the real program: --generate-demo and
--check-overdue, with their exit codes and messages, on real files.
With the argument first-frame, the start-up report the project's benchmark
reads instead, which needs a display: without one, the whole run is
reported as skipped.

Speaks TAP: one line per check, and the plan comes last."""

import getpass
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

BIN = os.environ['CAREDESK_BIN']
failures = 0
count = 0


def run(*args):
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=120)
    return p.returncode, p.stdout, p.stderr


def check(name, condition, detail=''):
    global failures, count
    count += 1
    if condition:
        print(f'ok {count} - {name}')
    else:
        failures += 1
        print(f'not ok {count} - {name}')
        for line in str(detail).splitlines():
            print(f'# {line}')


def check_first_frame(tmp):
    """The project's benchmark times start-up by a line the window prints
    after its first frame, then the program quits. It needs a display, and
    a bus of its own so that it is not handed to another Caredesk. No
    accessibility there: a second accessibility bus on the same display
    would take over, and then remove, the socket that the tests' own
    session uses."""
    demo = os.path.join(tmp, 'demo.caredesk')
    rc, out, err = run('--generate-demo', 'small', '--database', demo)
    check('generate-demo succeeds', rc == 0, err)
    env = dict(os.environ, CAREDESK_BENCHMARK_FIRST_FRAME='1', GTK_A11Y='none', NO_AT_BRIDGE='1',
               XDG_CONFIG_HOME=os.path.join(tmp, 'config'), XDG_DATA_HOME=os.path.join(tmp, 'data'))
    name = 'the first frame is reported for the benchmark, then the program ends'
    try:
        p = subprocess.run(['dbus-run-session', '--', BIN, '--database', demo], env=env,
                           capture_output=True, text=True, timeout=60)
        m = re.search(r'^first-frame (\d+) rss-kb (\d+)$', p.stdout, re.M)
        check(name, p.returncode == 0 and m is not None and int(m.group(2)) > 0, p.stdout + p.stderr)
    except subprocess.TimeoutExpired:
        check(name, False, 'still running after 60 s')


if sys.argv[1:] == ['first-frame']:
    if not (os.environ.get('DISPLAY') or os.environ.get('WAYLAND_DISPLAY')):
        print('1..0 # SKIP no display')
        sys.exit(0)
    with tempfile.TemporaryDirectory() as tmp:
        check_first_frame(tmp)
    print(f'1..{count}')
    sys.exit(1 if failures else 0)


with tempfile.TemporaryDirectory() as tmp:
    demo = os.path.join(tmp, 'demo.caredesk')

    rc, out, err = run('--generate-demo', 'small', '--seed', '3', '--database', demo)
    check('generate-demo succeeds', rc == 0, err)
    db = sqlite3.connect(demo)
    tickets = db.execute('SELECT count(*) FROM tickets').fetchone()[0]
    overdue_mine = db.execute(
        "SELECT count(*) FROM followups f JOIN staff s ON s.id = f.assignee_id "
        "WHERE f.status = 'scheduled' AND f.due_at <= strftime('%s','now') AND s.login = ?",
        (getpass.getuser(),)).fetchone()[0]
    overdue_all = db.execute(
        "SELECT count(*) FROM followups WHERE status = 'scheduled' "
        "AND due_at <= strftime('%s','now')").fetchone()[0]
    mode = db.execute('PRAGMA journal_mode').fetchone()[0]
    db.close()
    check('small demo has 1000 tickets', tickets == 1000, str(tickets))
    check('the demo file is in WAL mode', mode == 'wal', mode)
    check('demo user has overdue follow-ups', overdue_mine > 0, str(overdue_mine))

    before = open(demo, 'rb').read()
    rc, out, err = run('--generate-demo', 'small', '--database', demo)
    check('generate-demo refuses an existing file', rc == 1 and 'not empty' in err, err)
    check('refused file is untouched', open(demo, 'rb').read() == before)

    rc, out, err = run('--generate-demo', 'huge', '--database', os.path.join(tmp, 'x.db'))
    check('bad size is explained', rc == 1 and 'not a demo size' in err, err)
    check('bad size writes nothing', not os.path.exists(os.path.join(tmp, 'x.db')))

    rc, out, err = run('--check-overdue', '--database', demo)
    lines = [l for l in out.splitlines() if l.startswith('FU-')]
    check('check-overdue exits 1 when something is overdue', rc == 1, f'rc={rc} {err}')
    check('check-overdue lists my overdue follow-ups', len(lines) == overdue_mine,
          f'{len(lines)} != {overdue_mine}')
    check('check-overdue lines say how late', all('overdue by' in l for l in lines), out)

    rc, out, err = run('--check-overdue', '--all', '--database', demo)
    lines = [l for l in out.splitlines() if l.startswith('FU-')]
    check('check-overdue --all lists everyone', rc == 1 and len(lines) == overdue_all,
          f'{len(lines)} != {overdue_all}')

    # check-overdue opens read-only: the file must not change, and as the
    # only connection to a WAL file it leaves no -wal or -shm behind.
    after = open(demo, 'rb').read()
    check('check-overdue leaves the file unchanged', after == before)
    debris = [name for name in os.listdir(tmp) if name.startswith('demo.caredesk-')]
    check('check-overdue leaves no -wal or -shm behind', debris == [], str(debris))

    # The same team with every follow-up done: nothing is overdue.
    done = os.path.join(tmp, 'done.caredesk')
    shutil.copy(demo, done)
    db = sqlite3.connect(done)
    db.execute("UPDATE followups SET status = 'done', outcome = 'satisfied'")
    db.commit()
    db.close()
    rc, out, err = run('--check-overdue', '--all', '--database', done)
    check('check-overdue exits 0 when nothing is overdue', rc == 0 and 'FU-' not in out,
          f'rc={rc} {out} {err}')

    bad = os.path.join(tmp, 'notes.txt')
    with open(bad, 'w') as f:
        f.write('not a database\n')
    rc, out, err = run('--check-overdue', '--database', bad)
    check('a non-database gives exit 2 and words', rc == 2 and 'not a Caredesk database' in err, err)

    rc, out, err = run('--check-overdue', '--database', os.path.join(tmp, 'missing.caredesk'))
    check('a missing file gives exit 2 and words', rc == 2 and 'does not exist' in err, err)
    check('a missing file is not created', not os.path.exists(os.path.join(tmp, 'missing.caredesk')))

    # The audit log's hash chain: intact, then a row slipped in by another
    # program (exit 1, naming it), and a file that is none (exit 2).
    rc, out, err = run('--verify-audit', '--database', demo)
    check('verify-audit says an untouched log is intact', rc == 0 and 'intact' in out, f'rc={rc} {out} {err}')
    debris = [name for name in os.listdir(tmp) if name.startswith('demo.caredesk-')]
    check('verify-audit leaves no -wal or -shm behind', debris == [], str(debris))
    db = sqlite3.connect(demo)
    forged = db.execute("INSERT INTO audit_log (at, entity, entity_id, action, field, new_value)"
                        " VALUES (1, 'customers', 1, 'update', 'name', 'Forged')").lastrowid
    db.commit()
    db.close()
    rc, out, err = run('--verify-audit', '--database', demo)
    check('verify-audit names the row that does not follow', rc == 1 and f'row {forged} ' in out,
          f'rc={rc} {out} {err}')
    rc, out, err = run('--verify-audit', '--database', bad)
    check('verify-audit on a non-database gives exit 2 and words', rc == 2 and 'not a Caredesk database' in err, err)


print(f'1..{count}')
sys.exit(1 if failures else 0)
