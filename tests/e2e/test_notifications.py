#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Overdue follow-ups raise exactly one desktop notification, end to end.

Runs the real program against a notification server mock (python3-dbusmock)
on a private session bus, inside xvfb-run and dbus-run-session:

 1. A follow-up that became overdue while no Caredesk ran is notified at
    start, once, with the expected text, hints and actions, even though two
    Caredesk processes (each on its own session bus, as on two desktops of
    the same person) open the file at the same moment.
 2. A restarted Caredesk does not notify it again.
 3. "Snooze 1 Hour", pressed on the notification, records a snooze.
 4. A follow-up that another process adds while Caredesk runs, due a few
    seconds later, is notified when it falls due (the one-shot timer is
    re-armed on the change), by exactly one of the processes.
 5. Four follow-ups overdue at once give one summary notification.
 6. A team lead is notified once of someone else's follow-up that is long
    overdue, and the bubble is taken back once it is done elsewhere.
 7. "Open" is handled, and "Until Tomorrow 9:00" snoozes until then.

Needs CAREDESK_BIN (the program) and the GSettings schema compiled next to
it (GSETTINGS_SCHEMA_DIR, set by the meson test environment).
"""

import getpass
import os
import re
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.parse

APP_ID = 'io.github.caredesk.Caredesk'
MOCK_CAPS = '{"capabilities": "body actions persistence"}'
TIMEOUT = 20.0
POLL = 0.05

NOTIFY_RE = re.compile(
    r'^(?P<at>\d+\.\d+) Notify "(?P<app>.*?)" (?P<replaces>\d+) "(?P<icon>.*?)" '
    r'"(?P<summary>.*?)" "(?P<body>.*?)" \[(?P<actions>.*?)\] \{(?P<hints>.*)\} (?P<timeout>-?\d+)$')
CLAIMED_RE = re.compile(r'Claimed (\d+) reminder\(s\) at (\d+)')


class Failure(Exception):
    pass


def check(condition, message):
    if not condition:
        raise Failure(message)


def wait_until(predicate, what, timeout=TIMEOUT):
    """Polls predicate() until it returns something true; fails after timeout."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise Failure('timed out after %.0f s waiting for %s' % (timeout, what))
        time.sleep(POLL)


def read(path):
    try:
        with open(path, encoding='utf-8', errors='replace') as f:
            return f.read()
    except FileNotFoundError:
        return ''


class Bus:
    """A session bus with a notification server mock that logs every call."""

    def __init__(self, name, workdir, address=None):
        self.name = name
        self.daemon = None
        if address is None:
            # A second, private bus: another desktop of the same person.
            self.daemon = subprocess.Popen(
                ['dbus-daemon', '--session', '--nofork', '--print-address=1'],
                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
            address = self.daemon.stdout.readline().strip()
            check(address, 'dbus-daemon printed no address')
        self.address = address
        self.env = dict(os.environ, DBUS_SESSION_BUS_ADDRESS=address)
        self.log_path = os.path.join(workdir, 'notify-%s.log' % name)
        self.log = open(self.log_path, 'w')
        self.mock = subprocess.Popen(
            ['/usr/bin/python3', '-m', 'dbusmock', '--template', 'notification_daemon',
             '-p', MOCK_CAPS],
            stdout=self.log, stderr=subprocess.STDOUT, env=self.env)
        wait_until(self._server_is_up, 'the notification server on bus %s' % name)

    def _server_is_up(self):
        check(self.mock.poll() is None, 'the notification mock exited')
        return subprocess.call(
            ['gdbus', 'introspect', '--session', '-d', 'org.freedesktop.Notifications',
             '-o', '/org/freedesktop/Notifications'],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=self.env) == 0

    def notify_calls(self):
        calls = []
        for line in read(self.log_path).splitlines():
            if ' Notify ' not in line:
                continue
            m = NOTIFY_RE.match(line)
            check(m is not None, 'unexpected Notify log line: %r' % line)
            calls.append(m.groupdict())
        return calls

    def press(self, notification_id, action):
        subprocess.check_call(
            ['gdbus', 'call', '--session', '-d', 'org.freedesktop.Notifications',
             '-o', '/org/freedesktop/Notifications',
             '-m', 'org.freedesktop.DBus.Mock.EmitSignal',
             'org.freedesktop.Notifications', 'ActionInvoked', 'us',
             '[<uint32 %d>, <"%s">]' % (notification_id, action)],
            stdout=subprocess.DEVNULL, env=self.env)

    def close(self):
        for proc in (self.mock, self.daemon):
            if proc is not None and proc.poll() is None:
                proc.terminate()
                try:
                    proc.wait(5)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()
        self.log.close()


class Caredesk:
    """One Caredesk process started hidden (in the background) on @bus."""

    count = 0

    def __init__(self, binary, database, bus, workdir):
        Caredesk.count += 1
        self.bus = bus
        self.log_path = os.path.join(workdir, 'caredesk-%d-%s.log' % (Caredesk.count, bus.name))
        self.log = open(self.log_path, 'w')
        env = dict(bus.env,
                   G_MESSAGES_DEBUG='caredesk-notifier',
                   GTK_A11Y='none',
                   NO_AT_BRIDGE='1')
        self.proc = subprocess.Popen([binary, '--database', database, '--hidden'],
                                     stdout=self.log, stderr=subprocess.STDOUT, env=env)

    def checks(self):
        """(claimed, at) for every reminder check the notifier logged."""
        return [(int(n), int(at)) for n, at in CLAIMED_RE.findall(read(self.log_path))]

    def alive(self):
        check(self.proc.poll() is None,
              'Caredesk exited with %s:\n%s' % (self.proc.returncode, read(self.log_path)))
        return True

    def wait_for_check(self, after=0):
        """Waits for a reminder check made at or after UTC second @after."""
        def done():
            self.alive()
            return [c for c in self.checks() if c[1] >= after]
        return wait_until(done, 'a reminder check by %s' % self.log_path)

    def stop(self):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self.log.close()


def connect(database):
    # mode=rw: never create the file. A probe that made an empty file
    # before Caredesk created its database would leave it a zero-byte
    # file, which Caredesk rightly refuses to set up without asking.
    uri = 'file:' + urllib.parse.quote(os.path.abspath(database)) + '?mode=rw'
    db = sqlite3.connect(uri, uri=True, timeout=30, isolation_level=None)
    db.execute('PRAGMA busy_timeout = 30000')
    return db


def staff_id(database):
    try:
        db = connect(database)
        try:
            row = db.execute('SELECT id FROM staff WHERE login = ?', (getpass.getuser(),)).fetchone()
        finally:
            db.close()
    except sqlite3.Error:
        return None
    return row[0] if row else None


def add_followups(database, assignee, items):
    """Writes customers, complaints and follow-ups (customer, complaint
    summary, due_at) in one transaction, as another program on the shared
    file would; returns the follow-up ids."""
    now = int(time.time())
    ids = []
    db = connect(database)
    try:
        db.execute('BEGIN IMMEDIATE')
        for customer, summary, due_at in items:
            cur = db.execute('INSERT INTO customers (name, phone, created_at, updated_at)'
                             ' VALUES (?, ?, ?, ?)', (customer, '13800138000', now, now))
            customer_id = cur.lastrowid
            cur = db.execute("INSERT INTO complaints (customer_id, summary, severity, status,"
                             " owner_id, created_at, updated_at)"
                             " VALUES (?, ?, 'major', 'following_up', ?, ?, ?)",
                             (customer_id, summary, assignee, now, now))
            complaint_id = cur.lastrowid
            cur = db.execute("INSERT INTO followups (complaint_id, due_at, assignee_id, method,"
                             " status, created_by, created_at, updated_at)"
                             " VALUES (?, ?, ?, 'phone', 'scheduled', ?, ?, ?)",
                             (complaint_id, due_at, assignee, assignee, now, now))
            ids.append(cur.lastrowid)
        db.execute('COMMIT')
    finally:
        db.close()
    return ids


def add_followup(database, assignee, customer, summary, due_at):
    return add_followups(database, assignee, [(customer, summary, due_at)])[0]


def all_calls(buses):
    """Every Notify call on any bus, in the order they were made."""
    calls = [(bus, call) for bus in buses for call in bus.notify_calls()]
    return sorted(calls, key=lambda bus_call: float(bus_call[1]['at']))


def check_followup_notification(call, customer, summary):
    check(call['summary'] == 'Follow-up overdue: %s' % customer,
          'unexpected summary %r' % call['summary'])
    check(call['body'].startswith(summary + ' — due '), 'unexpected body %r' % call['body'])
    actions = re.findall(r'"(.*?)"', call['actions'])
    keys = actions[0::2]
    for key in ('default', 'snooze', 'snooze-tomorrow', 'done'):
        check(key in keys, 'action %r missing from %r' % (key, actions))
    labels = dict(zip(actions[0::2], actions[1::2]))
    check(len(set(labels.values())) == len(labels), 'two actions with one label: %r' % labels)
    check(labels['default'] == 'Open Follow-up', 'default label %r' % labels['default'])
    check(labels['snooze'] == 'Snooze 1 Hour', 'snooze label %r' % labels['snooze'])
    check(labels['snooze-tomorrow'] == 'Until Tomorrow 9:00',
          'snooze-tomorrow label %r' % labels['snooze-tomorrow'])
    check(labels['done'] == 'Mark Done…', 'done label %r' % labels['done'])
    hints = call['hints']
    check('"desktop-entry": "%s"' % APP_ID in hints, 'desktop-entry hint missing: %s' % hints)
    check(re.search(r'"urgency": 2\b', hints) is not None, 'urgency is not critical: %s' % hints)
    check('"category": "x-caredesk.followup"' in hints, 'category hint missing: %s' % hints)


def program():
    """The caredesk program under test, with its settings in memory."""
    binary = os.environ.get('CAREDESK_BIN')
    check(binary and os.access(binary, os.X_OK), 'set CAREDESK_BIN to the caredesk program')
    os.environ.setdefault('GSETTINGS_BACKEND', 'memory')
    os.environ.setdefault('GSETTINGS_SCHEMA_DIR',
                          os.path.join(os.path.dirname(os.path.dirname(binary)), 'data'))
    check('DBUS_SESSION_BUS_ADDRESS' in os.environ, 'run inside dbus-run-session')
    return binary


def new_shared_file(binary, database, workdir, buses, apps, quiet_what):
    """Two desktops' buses, each with its notification server (added to
    @buses), and a new team file made by a first Caredesk on the first
    one, which makes the desktop user its admin and notifies nothing
    (@quiet_what says what such a notification would be). Returns the
    buses and the admin's staff id."""
    bus_a = Bus('a', workdir, os.environ['DBUS_SESSION_BUS_ADDRESS'])
    buses.append(bus_a)
    bus_b = Bus('b', workdir)
    buses.append(bus_b)
    first = Caredesk(binary, database, bus_a, workdir)
    apps.append(first)
    me = wait_until(lambda: first.alive() and staff_id(database), 'the database to be created')
    first.wait_for_check()
    first.stop()
    apps.remove(first)
    check(all_calls(buses) == [], quiet_what)
    return bus_a, bus_b, me


def run(workdir):
    binary = program()
    database = os.path.join(workdir, 'shared.caredesk')
    buses = []
    apps = []
    try:
        bus_a, bus_b, me = new_shared_file(binary, database, workdir, buses, apps,
                                           'a notification without any follow-up')

        # Overdue since ten minutes, while no Caredesk was running.
        overdue = add_followup(database, me, 'Wang Fang', 'Parcel arrived damaged',
                               int(time.time()) - 600)

        # Two desktops of the same person open the file at once.
        app_a = Caredesk(binary, database, bus_a, workdir)
        app_b = Caredesk(binary, database, bus_b, workdir)
        apps += [app_a, app_b]
        app_a.wait_for_check()
        app_b.wait_for_check()
        calls = wait_until(lambda: all_calls(buses), 'the overdue notification')
        check(len(calls) == 1, 'expected one notification, got %d: %r' % (len(calls), calls))
        claimed = sum(n for app in (app_a, app_b) for n, _ in app.checks())
        check(claimed == 1, 'expected one claimed reminder, got %d' % claimed)
        winner_bus, call = calls[0]
        check_followup_notification(call, 'Wang Fang', 'Parcel arrived damaged')
        print('ok - one notification for an overdue follow-up, on bus %s' % winner_bus.name)

        winner = app_a if winner_bus is bus_a else app_b
        loser = app_b if winner is app_a else app_a

        # A restart does not repeat it.
        loser.stop()
        apps.remove(loser)
        restarted = Caredesk(binary, database, loser.bus, workdir)
        apps.append(restarted)
        restarted_checks = restarted.wait_for_check()
        check(restarted_checks[0][0] == 0, 'the restarted Caredesk claimed %r' % restarted_checks)
        check(len(all_calls(buses)) == 1, 'a restart notified again: %r' % all_calls(buses))
        print('ok - a restarted Caredesk does not notify again')

        # "Snooze 1 Hour", pressed as the user would.
        pressed_at = int(time.time())
        winner_bus.press(len(winner_bus.notify_calls()), 'snooze')

        def snoozed():
            winner.alive()
            db = connect(database)
            try:
                row = db.execute("SELECT until_at FROM snoozes WHERE kind = 'followup_overdue'"
                                 " AND entity_id = ? AND staff_id = ?", (overdue, me)).fetchone()
            finally:
                db.close()
            return row
        (until_at,) = wait_until(snoozed, 'the snooze to be recorded')
        check(abs(until_at - (pressed_at + 3600)) <= 60,
              'snoozed until %d, expected about %d' % (until_at, pressed_at + 3600))
        wait_until(lambda: re.search(r' CloseNotification 1\b', read(winner_bus.log_path)),
                   'the snoozed notification to be taken off the screen')
        print('ok - Snooze 1 Hour records a snooze until an hour later and closes the bubble')

        # Another program adds a follow-up due in three seconds.
        due = int(time.time()) + 3
        li_lei = [add_followup(database, me, 'Li Lei', 'Refund not received', due)]
        running = [winner, restarted]

        def notified_after_due():
            for app in running:
                app.alive()
            calls_now = all_calls(buses)
            return len(calls_now) >= 2 and calls_now
        calls = wait_until(notified_after_due, 'the notification of the follow-up that fell due')
        for app in running:
            app.wait_for_check(after=due)
        calls = all_calls(buses)
        check(len(calls) == 2, 'expected one more notification, got %r' % calls[1:])
        new = [c for _, c in calls if 'Li Lei' in c['summary']]
        check(len(new) == 1, 'the new follow-up was not notified once: %r' % calls)
        check_followup_notification(new[0], 'Li Lei', 'Refund not received')
        claimed_after = sum(n for app in running for n, at in app.checks() if at >= due)
        check(claimed_after == 1, 'expected one claim after the due time, got %d' % claimed_after)
        print('ok - a follow-up added by another process is notified when it falls due')

        # Many at once give one summary, not a flood.
        add_followups(database, me, [('Customer %d' % (i + 1), 'Wrong invoice %d' % (i + 1),
                                      int(time.time()) - 120) for i in range(4)])
        calls = wait_until(lambda: [app.alive() for app in running] and len(all_calls(buses)) >= 3
                           and all_calls(buses), 'the summary notification')
        summary_at = int(time.time())
        for app in running:
            app.wait_for_check(after=summary_at)
        calls = all_calls(buses)
        check(len(calls) == 3, 'expected one summary notification, got %r' % calls[2:])
        summary = calls[2][1]
        check(summary['summary'] == '4 follow-ups are overdue', 'summary %r' % summary['summary'])
        check('Customer 1' in summary['body'], 'summary body %r' % summary['body'])
        check('"default", "Show Overdue Follow-ups"' in summary['actions'], 'summary actions %r' % summary['actions'])
        check('"urgency": 2' in summary['hints'], 'summary hints %r' % summary['hints'])
        print('ok - four follow-ups overdue at once give one summary notification')

        # A team lead hears about someone else's follow-up that is very late.
        now = int(time.time())
        db = connect(database)
        try:
            db.execute("UPDATE staff SET role = 'lead' WHERE id = ?", (me,))
            cur = db.execute("INSERT INTO staff (login, display_name, role, created_at, updated_at)"
                             " VALUES ('lina', 'Li Na', 'rep', ?, ?)", (now, now))
            lina = cur.lastrowid
        finally:
            db.close()
        lina_followup = add_followup(database, lina, 'Chen Jie', 'Technician never came',
                                     now - 5 * 3600)
        calls = wait_until(lambda: [app.alive() for app in running] and len(all_calls(buses)) >= 4
                           and all_calls(buses), 'the team lead notification')
        lead = calls[3][1]
        check(lead['summary'] == 'Follow-up overdue for Li Na: Chen Jie',
              'lead summary %r' % lead['summary'])
        check(lead['body'].startswith('Technician never came — due '), 'lead body %r' % lead['body'])
        lead_at = int(time.time())
        for app in running:
            app.wait_for_check(after=lead_at)
        check(len(all_calls(buses)) == 4,
              'the team lead was notified more than once: %r' % all_calls(buses)[3:])
        print('ok - a team lead is notified once of a follow-up long overdue')

        # Done elsewhere: the bubble about it is taken back.
        lead_bus = next(bus for bus in buses
                        if any('Li Na' in c['summary'] for c in bus.notify_calls()))
        lead_id = 1 + next(i for i, c in enumerate(lead_bus.notify_calls())
                           if 'Li Na' in c['summary'])
        db = connect(database)
        try:
            db.execute("UPDATE followups SET status = 'done', outcome = 'satisfied', done_at = ?,"
                       " version = version + 1, updated_at = ? WHERE id = ?",
                       (int(time.time()), int(time.time()), lina_followup))
        finally:
            db.close()
        wait_until(lambda: re.search(r' CloseNotification %d\b' % lead_id, read(lead_bus.log_path)),
                   'the notification of a follow-up done elsewhere to be taken back')
        print('ok - a notification is taken back once its follow-up is done elsewhere')

        # "Open" brings up the window; the process goes on handling buttons.
        # (The first bubble went away when it was snoozed; use Li Lei's.)
        li_lei_bus = next(bus for bus in buses
                          if any('Li Lei' in c['summary'] for c in bus.notify_calls()))
        li_lei_id = 1 + next(i for i, c in enumerate(li_lei_bus.notify_calls())
                             if 'Li Lei' in c['summary'])
        li_lei_app = next(app for app in running if app.bus is li_lei_bus)
        li_lei_followup = li_lei[0]
        li_lei_bus.press(li_lei_id, 'default')
        wait_until(lambda: li_lei_app.alive() and 'action “default”' in read(li_lei_app.log_path),
                   'the Open button to be handled')
        pressed_at = int(time.time())
        li_lei_bus.press(li_lei_id, 'snooze-tomorrow')

        def snoozed_until_tomorrow():
            li_lei_app.alive()
            db = connect(database)
            try:
                row = db.execute("SELECT until_at FROM snoozes WHERE kind = 'followup_overdue'"
                                 " AND entity_id = ? AND staff_id = ?",
                                 (li_lei_followup, me)).fetchone()
            finally:
                db.close()
            return row and row[0]
        until_at = wait_until(snoozed_until_tomorrow, 'the snooze until tomorrow')
        local = time.localtime(until_at)
        check((local.tm_hour, local.tm_min) == (9, 0)
              and pressed_at < until_at <= pressed_at + 2 * 86400,
              'snoozed until %s, expected tomorrow 9:00' % time.strftime('%c', local))
        print('ok - Open is handled, and Until Tomorrow 9:00 snoozes until then')
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
