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


ROLE_BIT = "CASE s.role WHEN 'rep' THEN 1 WHEN 'lead' THEN 2 WHEN 'trainer' THEN 4 WHEN 'admin' THEN 8 ELSE 0 END"


def sql_training(db, start, end):
    """Per person: training hours of the sessions attended that started in
    the month, and of the certifications their role must hold (not
    archived) how many were held valid at the month's last second."""
    con = sqlite3.connect(db)
    at = end - 1
    out = {}
    for name, hours in con.execute(
            '''SELECT s.display_name, ifnull((SELECT sum(c.hours) FROM enrolments e
                                   JOIN training_sessions ts ON ts.id = e.session_id
                                   JOIN courses c ON c.id = ts.course_id
                                   WHERE e.staff_id = s.id AND e.attendance = 'attended' AND e.waiting = 0
                                     AND ts.starts_at >= ? AND ts.starts_at < ?), 0)
               FROM staff s''', (start, end)):
        out[name] = {'hours': hours, 'required': 0, 'held': 0}
    for name, required, held in con.execute(
            f'''SELECT s.display_name, count(*),
                       sum(EXISTS (SELECT 1 FROM staff_certifications sc
                                   WHERE sc.staff_id = s.id AND sc.certification_id = c.id
                                     AND sc.issued_at <= ? AND sc.expires_at > ?
                                     AND (sc.revoked_at IS NULL OR sc.revoked_at > ?)))
                FROM staff s JOIN certifications c ON c.archived = 0 AND (c.required_roles & ({ROLE_BIT})) != 0
                GROUP BY s.id''', (at, at, at)):
        out[name].update(required=required, held=held)
    con.close()
    return out


def number(text):
    return int(re.sub(r'[^\d]', '', text))


def check_training(db, tmp, year, month):
    """The training figures of the review of @month, against plain SQL."""
    start, end = month_bounds(year, month)
    pdf = os.path.join(tmp, f'training-{year}-{month}.pdf')
    out_csv = os.path.join(tmp, f'training-{year}-{month}.csv')
    rc, out, err = run('--monthly-review', f'{year:04d}-{month:02d}', '--database', db,
                       '--pdf', pdf, '--csv', out_csv)
    check(f'{year}-{month:02d}: --monthly-review exits 0', rc == 0, out + err)
    with open(out_csv, newline='', encoding='utf-8') as f:
        table = list(csv.DictReader(f))
    team_row = table[0]
    by_person = {r['Person']: r for r in table if r['Period'] == team_row['Period']}

    training = sql_training(db, start, end)
    listed = [n for n in by_person if n in training]
    team_hours = sum(training[n]['hours'] for n in listed)
    team_required = sum(training[n]['required'] for n in listed)
    team_held = sum(training[n]['held'] for n in listed)
    check(f'{year}-{month:02d}: CSV team training hours equal SQL ({team_hours:.1f})',
          abs(float(team_row['Training hours']) - team_hours) < 0.051, team_row['Training hours'])
    check(f'{year}-{month:02d}: CSV team certifications required and held equal SQL ({team_required}, {team_held})',
          (int(team_row['Certifications required']), int(team_row['Certifications held'])) ==
          (team_required, team_held), (team_row['Certifications required'], team_row['Certifications held']))
    if team_required:
        check(f'{year}-{month:02d}: CSV team certification compliance equals SQL',
              abs(float(team_row['Certification compliance (%)']) - 100.0 * team_held / team_required) < 0.051,
              team_row['Certification compliance (%)'])
    wrong = [(n, training[n], by_person[n]['Training hours'], by_person[n]['Certifications held'])
             for n in listed
             if abs(float(by_person[n]['Training hours']) - training[n]['hours']) >= 0.051 or
             by_person[n]['Certifications required'] != str(training[n]['required']) or
             by_person[n]['Certifications held'] != str(training[n]['held'])]
    check(f'{year}-{month:02d}: CSV training hours and certifications per person equal SQL', not wrong, wrong)

    p = subprocess.run(['pdftotext', '-layout', pdf, '-'], capture_output=True, text=True)
    status = p.stdout.split('Training and Certification', 1)
    check(f'{year}-{month:02d}: the PDF has a training and certification section', len(status) == 2,
          p.stdout[-800:])
    status = status[-1]
    m = re.search(r'^\s*Team\s+([\d,.]+) h\s.*?([\d,]+) of ([\d,]+)', status, re.M)
    check(f'{year}-{month:02d}: PDF team training hours and certifications held equal SQL',
          m is not None and abs(float(m.group(1).replace(',', '')) - team_hours) < 0.051 and
          (number(m.group(2)), number(m.group(3))) == (team_held, team_required),
          m.group(0) if m else status[:800])
    wrong = []
    for name in listed:
        m = re.search(r'^' + re.escape(name) + r'\s+([\d,.]+) h\s', status, re.M)
        if m is None or abs(float(m.group(1).replace(',', '')) - training[name]['hours']) >= 0.051:
            wrong.append((name, training[name]['hours'], m.group(0) if m else None))
    check(f'{year}-{month:02d}: PDF training hours per person equal SQL', not wrong, wrong)
    return team_hours


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

    # The demo's training sessions fall in a few months: review the one
    # with the most hours attended too.
    con = sqlite3.connect(db)
    busiest = con.execute(
        '''SELECT strftime('%Y-%m', ts.starts_at, 'unixepoch', 'localtime') AS m
           FROM enrolments e JOIN training_sessions ts ON ts.id = e.session_id
           JOIN courses c ON c.id = ts.course_id
           WHERE e.attendance = 'attended' AND e.waiting = 0
           GROUP BY m ORDER BY sum(c.hours) DESC LIMIT 1''').fetchone()
    con.close()
    check('the demo has training attended', busiest is not None)
    check_training(db, tmp, year, month)
    busy_year, busy_month = (int(x) for x in busiest[0].split('-'))
    check('the busiest training month has hours to compare',
          check_training(db, tmp, busy_year, busy_month) > 0)

    rc, out, err = run('--monthly-review', '2026-13', '--database', db, '--csv', out_csv)
    check('a month that does not exist: exit 2 with a message', rc == 2 and 'not a month' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', os.path.join(tmp, 'missing.caredesk'),
                       '--csv', out_csv)
    check('a missing database: exit 2 with a message', rc == 2 and 'no database file' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', db)
    check('no file to write: exit 2 with a message', rc == 2 and '--csv' in err, (rc, err))
    rc, out, err = run('--monthly-review', '2026-11', '--database', db,
                       '--pdf', os.path.join(tmp, 'no', 'such', 'dir', 'r.pdf'))
    missing = os.path.join(tmp, 'no', 'such', 'dir')
    check('an unwritable PDF path: exit 2 naming the folder chosen',
          rc == 2 and missing in err and '.partial' not in err, (rc, err))
    rc, out, err = run('--csv', out_csv, '--database', db)
    check('--csv alone: exit 2 with a message', rc == 2 and '--monthly-review' in err, (rc, err))

    print(f'1..{count}')
    return 1 if failures else 0


if __name__ == '__main__':
    sys.exit(main())
