#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""SLA deadlines and promised escalation replies notify exactly once, end to end.

Runs the real program against a notification server mock (python3-dbusmock)
on a private session bus, inside xvfb-run and dbus-run-session, with the
helpers of test_notifications.py:

 1. Two Caredesk processes (two desktops of the same person) run while a
    ticket assigned to the desktop user crosses 75 % of its first-reply
    time and then its deadline: one "due soon" and one "overdue"
    notification, each from one process only, each opening the ticket.
 2. A reply promised on an escalation to the desktop user is overdue: it is
    notified to them (who owe it); one the desktop user escalated to a
    colleague is not (the colleague owes it).
 3. "Open Ticket" on a bubble opens the ticket; "Snooze 1 Hour" on the
    overdue reply records a snooze.
 4. A restarted Caredesk notifies none of them again.

Needs CAREDESK_BIN and GSETTINGS_SCHEMA_DIR (set by the meson test
environment).
"""

import os
import re
import sys
import tempfile
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from test_notifications import Caredesk, Failure, all_calls, check, connect, new_shared_file, program, read, wait_until  # noqa: E402


def ticket_calls(buses):
    return [(bus, call) for bus, call in all_calls(buses)
            if 'x-caredesk.ticket' in call['hints']]


def add_ticket(db, customer, subject, assignee, now, first_response_due=None,
               escalated_to=None, escalation_due=None):
    cur = db.execute("INSERT INTO tickets (customer_id, subject, status, priority, assignee_id,"
                     " first_response_due, escalated_to, escalation_reason, escalation_due,"
                     " created_at, updated_at) VALUES (?, ?, 'open', 'normal', ?, ?, ?, ?, ?, ?, ?)",
                     (customer, subject, assignee, first_response_due, escalated_to,
                      'Refund above the rep’s limit' if escalated_to else None, escalation_due, now, now))
    ticket = cur.lastrowid
    if escalated_to is not None:
        db.execute("INSERT INTO ticket_events (ticket_id, kind, author_id, body, new_value, created_at)"
                   " VALUES (?, 'escalation', ?, 'Refund above the rep’s limit', ?, ?)",
                   (ticket, assignee, escalated_to, now))
    return ticket


def actions_of(call):
    names = re.findall(r'"(.*?)"', call['actions'])
    return dict(zip(names[0::2], names[1::2]))


def run(workdir):
    binary = program()
    database = os.path.join(workdir, 'shared.caredesk')
    buses = []
    apps = []
    try:
        bus_a, bus_b, me = new_shared_file(binary, database, workdir, buses, apps,
                                           'a notification on an empty file')

        # Without SLA rules the clock runs around the clock and the target
        # is read back from the ticket's own deadline: 16 s, so 75 % of it
        # is used 12 s after it was opened.
        now = int(time.time())
        db = connect(database)
        try:
            db.execute('BEGIN IMMEDIATE')
            my_name = db.execute('SELECT display_name FROM staff WHERE id = ?', (me,)).fetchone()[0]
            li_na = db.execute("INSERT INTO staff (login, display_name, role, created_at, updated_at)"
                               " VALUES ('lina', 'Li Na', 'lead', ?, ?)", (now, now)).lastrowid
            customer = db.execute("INSERT INTO customers (name, created_at, updated_at)"
                                  " VALUES ('王芳', ?, ?)", (now, now)).lastrowid
            sla_ticket = add_ticket(db, customer, 'Printer offline', me, now, first_response_due=now + 16)
            owed = add_ticket(db, customer, 'Refund for a broken kettle', li_na, now,
                              escalated_to=my_name, escalation_due=now - 60)
            add_ticket(db, customer, 'Invoice in the wrong name', me, now,
                       escalated_to='Li Na', escalation_due=now - 60)
            db.execute('COMMIT')
        finally:
            db.close()

        app_a = Caredesk(binary, database, bus_a, workdir)
        app_b = Caredesk(binary, database, bus_b, workdir)
        apps += [app_a, app_b]

        # The escalation reply I owe is overdue at once.
        calls = wait_until(lambda: ticket_calls(buses), 'the escalation notification')
        check(calls[0][1]['summary'].startswith('Escalation reply overdue: '),
              'unexpected summary %r' % calls[0][1]['summary'])
        check('王芳' in calls[0][1]['summary'], 'no customer in %r' % calls[0][1]['summary'])
        check(calls[0][1]['body'].startswith('Li Na waits for the reply promised by ')
              and calls[0][1]['body'].endswith(' — Refund above the rep’s limit'),
              'unexpected body %r' % calls[0][1]['body'])
        labels = actions_of(calls[0][1])
        check(labels.get('default') == 'Open Ticket', 'no action opening the ticket: %r' % labels)
        check(labels.get('snooze') == 'Snooze 1 Hour', 'no snooze: %r' % labels)
        print('ok - an overdue escalation reply is notified to whoever owes it')

        # 75 % of the first-reply time, then the deadline: each once.
        def sla_calls():
            return [c for c in ticket_calls(buses) if c[1]['summary'].startswith('First reply')]
        wait_until(lambda: len(sla_calls()) >= 2, 'the first-reply warning and breach', timeout=40)
        summaries = [call['summary'] for _, call in sla_calls()]
        check(summaries[0].startswith('First reply due soon: ') and '王芳' in summaries[0],
              'unexpected warning %r' % summaries[0])
        check(summaries[1].startswith('First reply overdue: '), 'unexpected breach %r' % summaries[1])
        check(float(sla_calls()[0][1]['at']) >= now + 11,
              'warned before 75 %% of the target: %s < %d' % (sla_calls()[0][1]['at'], now + 12))
        for _, call in sla_calls():
            check(actions_of(call).get('default') == 'Open Ticket', 'no Open Ticket: %r' % call['actions'])
            check('Printer offline' in call['body'], 'unexpected body %r' % call['body'])

        # Both processes looked when the deadline passed (their timers
        # were armed for it): still one of each.
        app_a.wait_for_check(now + 16)
        app_b.wait_for_check(now + 16)
        calls = ticket_calls(buses)
        check(len(calls) == 3, 'expected three ticket notifications, got %r' % calls)
        escalations = [call for _, call in calls if call['summary'].startswith('Escalation')]
        check(len(escalations) == 1, 'an escalation Li Na owes was notified to me: %r' % escalations)
        db = connect(database)
        try:
            rows = db.execute("SELECT kind, entity_id, threshold FROM reminders WHERE recipient_id = ?"
                              " ORDER BY id", (me,)).fetchall()
        finally:
            db.close()
        kinds = sorted((kind, entity, threshold) for kind, entity, threshold in rows)
        check(kinds == sorted([('escalation_overdue', owed, now - 60),
                               ('sla_first_response', sla_ticket, 75),
                               ('sla_first_response', sla_ticket, 100)]),
              'unexpected reminder records %r' % rows)
        print('ok - a ticket crossing 75 % and its deadline is notified once each')

        # "Open Ticket" on the escalation's bubble, as the user would: the
        # application's open-ticket action gets the ticket. (A bubble that
        # replaces another keeps its id: count only the new ones.)
        bus = next(bus for bus in buses
                   if any(c['summary'].startswith('Escalation') for c in bus.notify_calls()))
        app = next(app for app in (app_a, app_b) if app.bus is bus)
        new_ones = [c for c in bus.notify_calls() if c['replaces'] == '0']
        escalation_id = 1 + next(i for i, c in enumerate(new_ones) if c['summary'].startswith('Escalation'))
        bus.press(escalation_id, 'default')
        wait_until(lambda: app.alive() and ('action “default” for follow-up %d' % owed) in read(app.log_path),
                   'the Open Ticket button to be handled')
        app.alive()
        print('ok - the notification opens its ticket')

        # "Snooze 1 Hour" on it records a snooze of the overdue reply.
        pressed_at = int(time.time())
        bus.press(escalation_id, 'snooze')

        def snoozed():
            db = connect(database)
            try:
                return db.execute("SELECT until_at FROM snoozes WHERE kind = 'escalation_overdue'"
                                  " AND entity_id = ? AND staff_id = ?", (owed, me)).fetchone()
            finally:
                db.close()
        until = wait_until(lambda: app.alive() and snoozed(), 'the snooze to be recorded')[0]
        check(pressed_at + 3600 <= until <= int(time.time()) + 3600, 'snoozed until %d' % until)
        print('ok - an overdue escalation reply can be snoozed from its notification')

        for app in (app_a, app_b):
            app.stop()
            apps.remove(app)
        before = len(ticket_calls(buses))
        restarted = Caredesk(binary, database, bus_a, workdir)
        apps.append(restarted)
        restarted_checks = restarted.wait_for_check()
        check(restarted_checks[0][0] == 0, 'the restarted Caredesk claimed %r' % restarted_checks)
        check(len(ticket_calls(buses)) == before, 'a restart notified again: %r' % ticket_calls(buses)[before:])
        print('ok - a restarted Caredesk does not notify again')
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
