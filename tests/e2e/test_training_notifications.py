#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Certifications that run out are notified exactly once, end to end.

Runs the real program against a notification server mock (python3-dbusmock)
on a private session bus, inside xvfb-run and dbus-run-session, with the
helpers of test_notifications.py:

 1. The desktop user is a trainer who holds a certification running out in
    ten days; a rep's runs out in five; another rep's old record runs out
    too, but a newer one of the same certification is still valid. Two
    Caredesk processes (two desktops of the same person) open the file at
    once: the trainer gets one notification for their own and one for the
    rep's, and none for the renewed one.
 2. A restarted Caredesk does not notify them again.
 3. Four more running out at once give one summary notification.

Needs CAREDESK_BIN and GSETTINGS_SCHEMA_DIR (set by the meson test
environment).
"""

import os
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_notifications import Caredesk, Failure, all_calls, check, connect, new_shared_file, program, read, wait_until  # noqa: E402

DAY = 86400


def add_person(db, login, name, role, now):
    cur = db.execute('INSERT INTO staff (login, display_name, role, created_at, updated_at)'
                     ' VALUES (?, ?, ?, ?, ?)', (login, name, role, now, now))
    return cur.lastrowid


def hold(db, person, certification, issued_at, expires_at, now):
    cur = db.execute('INSERT INTO staff_certifications (staff_id, certification_id, issued_at, expires_at,'
                     ' created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)',
                     (person, certification, issued_at, expires_at, now, now))
    return cur.lastrowid


def certification_calls(buses):
    return [(bus, call) for bus, call in all_calls(buses)
            if 'x-caredesk.certification' in call['hints']]


def run(workdir):
    binary = program()
    database = os.path.join(workdir, 'shared.caredesk')
    buses = []
    apps = []
    try:
        bus_a, bus_b, me = new_shared_file(binary, database, workdir, buses, apps,
                                           'a notification on an empty file')

        now = int(time.time())
        db = connect(database)
        try:
            db.execute('BEGIN IMMEDIATE')
            db.execute("UPDATE staff SET role = 'trainer' WHERE id = ?", (me,))
            cert = db.execute("INSERT INTO certifications (name, validity_months, created_at, updated_at)"
                              " VALUES ('Billing specialist', 12, ?, ?)", (now, now)).lastrowid
            li_na = add_person(db, 'lina', 'Li Na', 'rep', now)
            wang_wei = add_person(db, 'wangwei', 'Wang Wei', 'rep', now)
            hold(db, me, cert, now - 355 * DAY, now + 10 * DAY, now)
            hold(db, li_na, cert, now - 360 * DAY, now + 5 * DAY, now)
            # Renewed already: the old record runs out, the new one holds.
            hold(db, wang_wei, cert, now - 350 * DAY, now + 15 * DAY, now)
            hold(db, wang_wei, cert, now - DAY, now + 364 * DAY, now)
            db.execute('COMMIT')
        finally:
            db.close()

        app_a = Caredesk(binary, database, bus_a, workdir)
        app_b = Caredesk(binary, database, bus_b, workdir)
        apps += [app_a, app_b]
        app_a.wait_for_check()
        app_b.wait_for_check()
        calls = wait_until(lambda: len(certification_calls(buses)) >= 2 and certification_calls(buses),
                           'the two certification notifications')
        # Both processes have made their first check: every claim is in,
        # and each claimed reminder is one notification.
        calls = certification_calls(buses)
        check(len(calls) == 2, 'expected two notifications, got %d: %r' % (len(calls), calls))
        claimed = sum(n for app in (app_a, app_b) for n, _ in app.checks())
        check(claimed == 2, 'expected two claimed reminders, got %d' % claimed)
        summaries = sorted(call['summary'] for _, call in calls)
        check(summaries == ['Li Na’s certification “Billing specialist”: Expires in 5 days',
                            'Your certification “Billing specialist”: Expires in 10 days'],
              'unexpected summaries %r' % summaries)
        check(not any('Wang Wei' in call['summary'] for _, call in all_calls(buses)),
              'a renewed certification was notified')
        for _, call in calls:
            check('"desktop-entry": "io.github.caredesk.Caredesk"' in call['hints'],
                  'desktop-entry hint missing: %s' % call['hints'])
            check('"default", "Open Training Record"' in call['actions'],
                  'no action that opens the record: %s' % call['actions'])
        db = connect(database)
        try:
            rows = db.execute("SELECT count(*) FROM reminders WHERE kind = 'certification_expiry'"
                              " AND recipient_id = ? AND threshold = 30", (me,)).fetchone()[0]
        finally:
            db.close()
        check(rows == 2, 'expected two reminder records, found %d' % rows)
        print('ok - a trainer is notified once of their own and a rep’s expiring certification')

        # A restart does not repeat them.
        for app in (app_a, app_b):
            app.stop()
            apps.remove(app)
        restarted = Caredesk(binary, database, bus_a, workdir)
        apps.append(restarted)
        restarted_checks = restarted.wait_for_check()
        check(restarted_checks[0][0] == 0, 'the restarted Caredesk claimed %r' % restarted_checks)
        check(len(certification_calls(buses)) == 2, 'a restart notified again: %r' % certification_calls(buses))
        restarted.stop()
        apps.remove(restarted)
        print('ok - a restarted Caredesk does not notify again')

        # Many at once: one summary.
        before = len(certification_calls(buses))
        now = int(time.time())
        db = connect(database)
        try:
            db.execute('BEGIN IMMEDIATE')
            for i, name in enumerate(['Zhang San', 'Li Si', 'Wang Wu', 'Zhao Liu']):
                person = add_person(db, 'rep%d' % i, name, 'rep', now)
                hold(db, person, cert, now - 350 * DAY, now + (3 + i) * DAY, now)
            db.execute('COMMIT')
        finally:
            db.close()
        again = Caredesk(binary, database, bus_a, workdir)
        apps.append(again)
        again.wait_for_check()
        wait_until(lambda: len(certification_calls(buses)) > before, 'the summary notification')
        check(again.checks()[0][0] == 4, 'expected four claimed reminders, got %r' % again.checks())
        new = certification_calls(buses)[before:]
        check(len(new) == 1, 'expected one summary, got %r' % new)
        check(new[0][1]['summary'] == '4 certifications need attention',
              'unexpected summary %r' % new[0][1]['summary'])
        check('Zhang San' in new[0][1]['body'], 'summary body %r' % new[0][1]['body'])
        print('ok - four at once give one summary')
    finally:
        for app in apps:
            app.stop()
        for bus in buses:
            bus.close()


def main():
    with tempfile.TemporaryDirectory(prefix='caredesk-e2e-') as workdir:
        try:
            run(workdir)
        except Failure as failure:
            print('not ok - %s' % failure)
            for name in sorted(os.listdir(workdir)):
                if name.endswith('.log'):
                    print('--- %s' % name)
                    print(read(os.path.join(workdir, name)))
            return 1
    return 0


if __name__ == '__main__':
    sys.exit(main())
