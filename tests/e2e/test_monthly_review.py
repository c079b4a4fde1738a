#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""caredesk --monthly-review on a demo file: the CSV and the PDF (its
text read with pdftotext) carry the same figures as plain SQL on the file
counts them; each export is in the audit log; bad input ends with exit
status 2 and a message. No display is needed.

Speaks TAP: one line per check, and the plan comes last."""

import csv
import os
import re
import sqlite3
import subprocess
import sys
import tempfile
import time

BIN = os.environ['CAREDESK_BIN']
failures = 0
count = 0


def run(*args):
    env = dict(os.environ)
    env.pop('DISPLAY', None)
    env.pop('WAYLAND_DISPLAY', None)
    p = subprocess.run([BIN, *args], capture_output=True, text=True, timeout=300, env=env)
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


def last_month():
    now = time.localtime()
    year, month = (now.tm_year, now.tm_mon - 1) if now.tm_mon > 1 else (now.tm_year - 1, 12)
    return year, month


def month_bounds(year, month):
    """Local midnights, as the review's period runs (the suite's TZ)."""
    start = int(time.mktime((year, month, 1, 0, 0, 0, 0, 0, -1)))
    end = int(time.mktime((year + (month == 12), month % 12 + 1, 1, 0, 0, 0, 0, 0, -1)))
    return start, end


def sql_figures(db, start, end):
    """The figures, counted independently of Caredesk's code."""
    con = sqlite3.connect(db)
    per = {}
    for name, handled, breached, answers in con.execute(
            '''SELECT s.display_name, count(*),
                      sum((t.first_response_due IS NOT NULL AND
                           coalesce(t.first_response_at, t.resolved_at) > t.first_response_due) OR
                          (t.resolution_due IS NOT NULL AND t.resolved_at > t.resolution_due)),
                      count(t.satisfaction)
               FROM tickets t JOIN staff s ON s.id = t.assignee_id
               WHERE t.resolved_at >= ? AND t.resolved_at < ? GROUP BY s.id''', (start, end)):
        per[name] = {'handled': handled, 'breached': breached, 'answers': answers}
    team = dict(zip(('handled', 'breached', 'answers'), con.execute(
        '''SELECT count(*),
                  ifnull(sum((first_response_due IS NOT NULL AND
                              coalesce(first_response_at, resolved_at) > first_response_due) OR
                             (resolution_due IS NOT NULL AND resolved_at > resolution_due)), 0),
                  count(satisfaction)
           FROM tickets WHERE resolved_at >= ? AND resolved_at < ?''', (start, end)).fetchone()))
    team['received'] = con.execute('SELECT count(*) FROM tickets WHERE created_at >= ? AND created_at < ?',
                                   (start, end)).fetchone()[0]
    con.close()
    return team, per


def number(text):
    return int(re.sub(r'[^\d]', '', text))


def main():
    tmp = tempfile.mkdtemp(prefix='caredesk-review-')
    db = os.path.join(tmp, 'demo.caredesk')
    pdf = os.path.join(tmp, 'review.pdf')
    out_csv = os.path.join(tmp, 'review.csv')
    rc, out, err = run('--generate-demo', 'small', '--database', db)
    check('generate-demo succeeds', rc == 0, err)

    year, month = last_month()
    start, end = month_bounds(year, month)
    team, per = sql_figures(db, start, end)
    check('the month has tickets to count', team['handled'] > 0, team)

    audits = sqlite3.connect(db).execute('SELECT count(*) FROM audit_log').fetchone()[0]
    rc, out, err = run('--monthly-review', f'{year:04d}-{month:02d}', '--database', db,
                       '--pdf', pdf, '--csv', out_csv)
    check('--monthly-review exits 0 without a display', rc == 0, out + err)
    con = sqlite3.connect(db)
    after = con.execute('SELECT count(*) FROM audit_log').fetchone()[0]
    check('both exports are in the audit log', after == audits + 2, (audits, after))
    con.close()

    with open(out_csv, newline='', encoding='utf-8') as f:
        table = list(csv.DictReader(f))
    team_row = table[0]
    # The period's rows, then the period before's.
    by_person = {r['Person']: r for r in table if r['Period'] == team_row['Period']}
    check('the CSV has the team row first', team_row['Person'] == 'Team', team_row)
    for key, column in (('handled', 'Tickets handled'), ('received', 'Tickets received'),
                        ('breached', 'SLA breaches'), ('answers', 'Satisfaction answers')):
        check(f'CSV team {column} equals SQL ({team[key]})', int(team_row[column]) == team[key],
              team_row[column])
    wrong = [(n, f['handled'], by_person.get(n, {}).get('Tickets handled'))
             for n, f in per.items() if by_person.get(n, {}).get('Tickets handled') != str(f['handled'])]
    check('CSV tickets handled per person equal SQL', not wrong, wrong)

    p = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True)
    check('pdftotext reads the PDF', p.returncode == 0 and 'Team Summary' in p.stdout, p.stderr)
    text = p.stdout
    m = re.search(r'^\s*Tickets handled\s+([\d,.\s]+?)\s{2,}', text, re.M)
    check('PDF team tickets handled equals SQL', m is not None and number(m.group(1)) == team['handled'],
          m.group(0) if m else text[:800])
    m = re.search(r'^\s*SLA breaches\s+([\d,.]+)\s', text, re.M)
    check('PDF team SLA breaches equal SQL', m is not None and number(m.group(1)) == team['breached'],
          m.group(0) if m else text[:800])
    people = text.split('Per Person', 1)[-1]
    wrong = []
    for name, f in per.items():
        m = re.search(r'^' + re.escape(name) + r'\s+([\d,]+)\s', people, re.M)
        if m is None or number(m.group(1)) != f['handled']:
            wrong.append((name, f['handled'], m.group(0) if m else None))
    check('PDF tickets handled per person equal SQL', not wrong, wrong)

    rc, out, err = run('--monthly-review', '2026-13', '--database', db, '--csv', out_csv)
    check('a month that does not exist: exit 2 with a message', rc == 2 and 'not a month' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', os.path.join(tmp, 'missing.caredesk'),
                       '--csv', out_csv)
    check('a missing database: exit 2 with a message', rc == 2 and 'no database file' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', db)
    check('no file to write: exit 2 with a message', rc == 2 and '--csv' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', db,
                       '--pdf', os.path.join(tmp, 'no', 'such', 'dir', 'r.pdf'))
    check('an unwritable PDF path: exit 2 with a message', rc == 2 and err.strip() != '', (rc, err))
    rc, out, err = run('--csv', out_csv, '--database', db)
    check('--csv alone: exit 2 with a message', rc == 2 and '--monthly-review' in err, (rc, err))

    print(f'1..{count}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
