# SPDX-License-Identifier: GPL-3.0-or-later
"""Saves stay in the team file while other programs open and close it.

POSIX locks belong to a process: if Caredesk ever opened and closed the
database file outside SQLite, it would drop the locks of its own live
connection. The next program to open and close the file would then take
itself for the last user, checkpoint and delete the WAL, and every later
save of the running Caredesk would go to a WAL file that no longer exists:
shown in the window, never stored.

So the real program runs on a team file with its Tickets view refreshing,
and in turn the sqlite3 program, a second Caredesk in a session of its own
(another HOME and session bus, so it does not hand over to the first),
`caredesk --check-overdue` and `caredesk --backup` each open and close the
file. After each, a note added in the window (typed into the ticket's note
field over AT-SPI, then "Add Note") must be in the file, as `sqlite3
-readonly` sees it, the running Caredesk must still hold the file (its WAL
is still there) and `PRAGMA integrity_check` must say ok. The whole
sequence runs twice: on a local disk (WAL) and with the network-share
settings (rollback journal).

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import ctypes
import os
import shutil
import subprocess
import sys
import tempfile

from e2e_util import (APP_ID, OBJECT_PATH, TIMEOUT, find, find_application, is_showing, pyatspi, quit_app,
                      wait_for, walk)


def sqlite3(path, sql, read_only=True):
    # As any program sharing the file should, it waits while Caredesk
    # commits (a presence heartbeat may be under way) instead of failing
    # at once with "database is locked".
    args = ["sqlite3", "-cmd", ".timeout 10000"] + (["-readonly"] if read_only else []) + [path, sql]
    result = subprocess.run(args, capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"sqlite3 {' '.join(args[1:])} failed: {result.stderr}"
    return result.stdout.strip()


def showing(app, name, roles=None):
    node = find(app, name, roles)
    return node if node is not None and is_showing(node) else None


class Window:
    """The running Caredesk, driven as a keyboard and screen-reader user would."""

    def __init__(self, binary, database, env):
        self.env = env
        self.proc = subprocess.Popen([binary, "--database", database], env=env)
        self.app = wait_for("caredesk on the accessibility bus",
                            lambda: find_application(self.proc.pid), proc=self.proc)
        tickets = wait_for("the Tickets entry",
                           lambda: find(self.app, "Tickets", (pyatspi.ROLE_LIST_ITEM,)), proc=self.proc)
        tickets.parent.querySelection().selectChild(tickets.getIndexInParent())
        # The queue counts are read in the background once the view shows
        # (the refresh that used to reopen the file); a counted queue is
        # named with its count, "Mine, 3 tickets".
        wait_for("the Tickets view with its queue counts", self._queues_counted, proc=self.proc)

    def _queues_counted(self):
        queues = find(self.app, "Ticket queues")
        return queues is not None and any(row.name.startswith("All tickets, ") for row in queues)

    def open_ticket(self, ticket_id, number):
        """Opens the ticket's page the way a notification or the Shell's
        search does: the application's "open-ticket" action."""
        subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
                        "--method", "org.freedesktop.Application.ActivateAction", "open-ticket",
                        f"[<int64 {ticket_id}>]", "{}"],
                       check=True, env=self.env, stdout=subprocess.DEVNULL, timeout=TIMEOUT)
        wait_for(f"the page of {number}", lambda: showing(self.app, number, (pyatspi.ROLE_LABEL,))
                 and self._add_note_button() is not None, proc=self.proc)

    def _add_note_button(self):
        return next((n for n in _walk_named(self.app, "Add Note") if is_showing(n)), None)

    def add_note(self, text):
        composer = wait_for("the note field", lambda: showing(self.app, "Note or call summary"), proc=self.proc)
        composer.queryEditableText().setTextContents(text)
        button = wait_for("the Add Note button to be enabled",
                          lambda: (lambda b: b if b is not None and b.getState().contains(pyatspi.STATE_SENSITIVE)
                                   else None)(self._add_note_button()), proc=self.proc)
        button.queryAction().doAction(0)

    def quit(self):
        quit_app(self.env)
        code = self.proc.wait(timeout=TIMEOUT)
        assert code == 0, f"caredesk exited with {code}"

    def kill(self):
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()


def _walk_named(app, suffix):
    """Buttons whose accessible name ends with @suffix (GTK 4.8 repeats a
    button's mnemonic label in its name)."""
    for node in walk(app):
        try:
            if node.getRole() == pyatspi.ROLE_PUSH_BUTTON and node.name.endswith(suffix):
                yield node
        except Exception:
            continue


def opened_by(pid, path):
    """True when process @pid has @path open."""
    try:
        for fd in os.listdir(f"/proc/{pid}/fd"):
            try:
                if os.readlink(f"/proc/{pid}/fd/{fd}") == path:
                    return True
            except OSError:
                continue
    except OSError:
        return False
    return False


def second_caredesk(binary, database, env, tmp):
    """A colleague's Caredesk on the same machine: its own HOME and session
    bus, so it opens the file itself instead of handing over to ours. It is
    started, waited for until it has the file open, and quit."""
    home = tempfile.mkdtemp(prefix="second-", dir=tmp)
    daemon = subprocess.Popen(["dbus-daemon", "--session", "--nofork", "--print-address=1"],
                              stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        address = daemon.stdout.readline().strip()
        assert address, "dbus-daemon printed no address"
        env2 = dict(env, HOME=home, DBUS_SESSION_BUS_ADDRESS=address,
                    XDG_CONFIG_HOME=os.path.join(home, "config"),
                    XDG_DATA_HOME=os.path.join(home, "data"),
                    XDG_CACHE_HOME=os.path.join(home, "cache"),
                    GTK_A11Y="none", NO_AT_BRIDGE="1")
        proc = subprocess.Popen([binary, "--database", database], env=env2,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            wait_for("the second Caredesk to open the file", lambda: opened_by(proc.pid, database), proc=proc)
            # Its views read the file once it is on the bus and shown.
            wait_for("the second Caredesk on its bus",
                     lambda: subprocess.call(["gdbus", "introspect", "--session", "-d", APP_ID, "-o", OBJECT_PATH],
                                             env=env2, stdout=subprocess.DEVNULL,
                                             stderr=subprocess.DEVNULL) == 0, proc=proc)
            quit_app(env2)
            code = proc.wait(timeout=TIMEOUT)
            assert code == 0, f"the second caredesk exited with {code}"
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    finally:
        daemon.terminate()
        daemon.wait()


def find_dialog(title, exclude_pid):
    """A top-level window named @title of another process than @exclude_pid."""
    for app in pyatspi.Registry.getDesktop(0):
        try:
            if app is None or app.get_process_id() == exclude_pid:
                continue
            for window in app:
                if window.name == title:
                    return window
        except Exception:
            continue
    return None


class CloseWatch:
    """Tells when any process closes @path after reading it (inotify's
    IN_CLOSE_NOWRITE), as a file chooser does when it sniffs a file's type."""

    IN_CLOSE_NOWRITE = 0x10

    def __init__(self, path):
        self.libc = ctypes.CDLL(None, use_errno=True)
        self.fd = self.libc.inotify_init1(os.O_NONBLOCK | os.O_CLOEXEC)
        assert self.fd >= 0, f"inotify_init1: {os.strerror(ctypes.get_errno())}"
        wd = self.libc.inotify_add_watch(self.fd, path.encode(), self.IN_CLOSE_NOWRITE)
        assert wd >= 0, f"inotify_add_watch: {os.strerror(ctypes.get_errno())}"

    def closed(self):
        try:
            return len(os.read(self.fd, 4096)) > 0
        except BlockingIOError:
            return False

    def close(self):
        os.close(self.fd)


def file_chooser_lists_folder(window, database, env):
    """The person picks Open Database…, which lists the database's own
    folder: GTK reads the first bytes of every file it lists, the team
    file's too. Once the file was read that way, another program opens
    and closes it while the chooser is still open; then it is cancelled."""
    watch = CloseWatch(database)
    try:
        subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
                        "--method", "org.freedesktop.Application.ActivateAction", "open-database", "[]", "{}"],
                       check=True, env=env, stdout=subprocess.DEVNULL, timeout=TIMEOUT)
        dialog = wait_for("the Open Database dialog", lambda: find_dialog("Open Database", window.proc.pid),
                          proc=window.proc)
        wait_for("the chooser to read the database file", watch.closed, proc=window.proc)
    finally:
        watch.close()
    sqlite3(database, "SELECT count(*) FROM customers", read_only=False)
    cancel = wait_for("the chooser's Cancel button", lambda: find(dialog, "Cancel", (pyatspi.ROLE_PUSH_BUTTON,))
                      or find(dialog, "_Cancel Cancel", (pyatspi.ROLE_PUSH_BUTTON,)), proc=window.proc)
    cancel.queryAction().doAction(0)
    wait_for("the chooser to close", lambda: find_dialog("Open Database", window.proc.pid) is None,
             proc=window.proc)


def run_sequence(binary, tmp, env, remote):
    label = "network-share settings" if remote else "local disk"
    database = os.path.join(tmp, "network.caredesk" if remote else "team.caredesk")
    subprocess.run([binary, "--generate-demo", "small", "--database", database],
                   env=env, check=True, stdout=subprocess.DEVNULL, timeout=120)
    if remote:
        env = dict(env, CAREDESK_FORCE_REMOTE="1")

    ticket_id = int(sqlite3(database, "SELECT id FROM tickets WHERE status IN ('new','open','pending')"
                                      " ORDER BY id LIMIT 1"))
    number = f"T-{ticket_id:06d}"
    wal = database + "-wal"

    window = Window(binary, database, env)
    try:
        window.open_ticket(ticket_id, number)
        mode = sqlite3(database, "PRAGMA journal_mode")
        assert mode == ("delete" if remote else "wal"), f"journal mode {mode} on the {label}"

        def check_overdue():
            code = subprocess.run([binary, "--check-overdue", "--all", "--database", database], env=env,
                                  stdout=subprocess.DEVNULL, timeout=TIMEOUT).returncode
            assert code in (0, 1), f"--check-overdue exited with {code}"

        def backup():
            subprocess.run([binary, "--backup", "--database", database], env=env,
                           stdout=subprocess.DEVNULL, timeout=TIMEOUT, check=True)

        outsiders = [
            ("the sqlite3 program", lambda: sqlite3(database, "SELECT count(*) FROM tickets", read_only=False)),
            ("a second Caredesk in its own session", lambda: second_caredesk(binary, database, env, tmp)),
            ("caredesk --check-overdue", check_overdue),
            ("caredesk --backup", backup),
            ("the sqlite3 program while Open Database… lists the folder",
             lambda: file_chooser_lists_folder(window, database, env)),
        ]
        for n, (who, open_and_close) in enumerate(outsiders):
            open_and_close()
            if not remote:
                assert os.path.exists(wal), f"{label}: the WAL was deleted after {who} closed the file"

            note = f"Note {n} after {who}: 张伟 called back; “quotes” and 'apostrophes'; ok 👍"
            window.add_note(note)
            quoted = note.replace("'", "''")
            wait_for(f"the note after {who} in the file",
                     lambda: sqlite3(database, f"SELECT count(*) FROM ticket_events WHERE ticket_id = {ticket_id}"
                                               f" AND body = '{quoted}'") == "1",
                     proc=window.proc)
            integrity = sqlite3(database, "PRAGMA integrity_check")
            assert integrity == "ok", f"integrity_check after {who}: {integrity}"
            print(f"ok: {label}: a note added after {who} opened and closed the file is in the file")

        window.quit()
        integrity = sqlite3(database, "PRAGMA integrity_check")
        assert integrity == "ok", f"integrity_check at the end: {integrity}"
        notes = int(sqlite3(database, f"SELECT count(*) FROM ticket_events WHERE ticket_id = {ticket_id}"
                                      " AND body LIKE 'Note _ after %'"))
        assert notes == len(outsiders), f"{notes} notes in the file, {len(outsiders)} added"
        print(f"ok: {label}: all {notes} notes kept, the file is whole")
    finally:
        window.kill()


def main():
    binary = os.environ.get("CAREDESK_BIN")
    if not binary or not os.path.exists(binary):
        print(f"CAREDESK_BIN does not name the built program: {binary!r}")
        return 1
    if shutil.which("sqlite3") is None:
        print("the sqlite3 program is missing (tools/deps.sh installs it)")
        return 1

    tmp = tempfile.mkdtemp(prefix="caredesk-shared-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.pop("GTK_A11Y", None)
    env.pop("CAREDESK_FORCE_REMOTE", None)
    try:
        run_sequence(binary, tmp, env, remote=False)
        run_sequence(binary, tmp, env, remote=True)
        return 0
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
