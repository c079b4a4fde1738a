# SPDX-License-Identifier: GPL-3.0-or-later
"""A team sets itself up on a fresh file.

The real program opens a database that does not exist yet: the person
running it becomes its administrator and gets the short setup instead of
an empty app. Over AT-SPI, as a screen-reader user would, the team gets a
name, the default business hours and a colleague; "Done" closes the setup.
The file then has all three (read with sqlite3).

Then the colleague's Caredesk opens the same file and signs in: it runs
as another user of this computer ("nobody", through setpriv, with its own
session bus) and must be signed in: it then offers its "team" action,
which it does not on the page for an unknown login. That part needs root to switch users; without
it the test says so and checks the rest.

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import os
import pwd
import shutil
import subprocess
import sys
import tempfile

from e2e_util import (APP_ID, OBJECT_PATH, TIMEOUT, find, find_application, find_button, is_showing, pyatspi, quit_app, wait_for)

COLLEAGUE_NAME = "Colleague 同事"


def sqlite3(path, sql):
    result = subprocess.run(["sqlite3", "-readonly", path, sql], capture_output=True, text=True, timeout=TIMEOUT)
    assert result.returncode == 0, f"sqlite3 failed: {result.stderr}"
    return result.stdout.strip()


def showing(app, name, roles=None):
    node = find(app, name, roles)
    return node if node is not None and is_showing(node) else None


def set_text(app, name, text, proc):
    field = wait_for(f"the {name} field", lambda: showing(app, name, (pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY)),
                     proc=proc)
    field.queryEditableText().setTextContents(text)


def press(app, label, proc):
    def sensitive_button():
        button = find_button(app, label)
        if button is not None and button.getState().contains(pyatspi.STATE_SENSITIVE):
            return button
        return None

    button = wait_for(f"the {label} button to be enabled", sensitive_button, proc=proc)
    button.queryAction().doAction(0)


def team_action_enabled():
    """Whether the running Caredesk offers its "team" action, which it does
    only once someone is signed in."""
    result = subprocess.run(["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
                             "--method", "org.gtk.Actions.Describe", "team"],
                            capture_output=True, text=True, timeout=TIMEOUT)
    return result.returncode == 0 and result.stdout.startswith("((true,")


def colleague(binary, database):
    """Runs as the colleague: opens the file and must be signed in. Its own
    session has no accessibility bus, so it is asked over D-Bus."""
    proc = subprocess.Popen([binary, "--database", database], env=dict(os.environ, GTK_A11Y="none", NO_AT_BRIDGE="1"))
    try:
        wait_for("the colleague's Caredesk to sign in", team_action_enabled, proc=proc)
        quit_app(os.environ)
        assert proc.wait(timeout=TIMEOUT) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return 0


def main():
    binary = os.environ["CAREDESK_BIN"]
    if len(sys.argv) > 2 and sys.argv[1] == "--colleague":
        return colleague(binary, sys.argv[2])

    can_switch_user = os.getuid() == 0 and shutil.which("setpriv") is not None
    colleague_login = "nobody" if can_switch_user else "wang.wei"

    tmp = tempfile.mkdtemp(prefix="caredesk-first-run-")
    os.chmod(tmp, 0o777)
    database = os.path.join(tmp, "team.caredesk")
    proc = subprocess.Popen([binary, "--database", database])
    try:
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        wait_for("the setup of a fresh file", lambda: showing(app, "Set Up Your Team"), proc=proc)

        set_text(app, "Team name", "Support 客服", proc)
        set_text(app, "Login", colleague_login, proc)
        set_text(app, "Name", COLLEAGUE_NAME, proc)
        press(app, "Add Colleague", proc)
        wait_for("the colleague in the list of those added", lambda: showing(app, COLLEAGUE_NAME), proc=proc)
        press(app, "Done", proc)
        wait_for("the setup to close", lambda: find(app, "Set Up Your Team") is None, proc=proc)

        quit_app(os.environ)
        code = proc.wait(timeout=TIMEOUT)
        assert code == 0, f"caredesk exited with {code}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()

    assert sqlite3(database, "SELECT value FROM settings WHERE key = 'team.name'") == "Support 客服"
    assert sqlite3(database, f"SELECT role || ' ' || active FROM staff WHERE login = '{colleague_login}'") == "rep 1"
    assert sqlite3(database, "SELECT week_schedule FROM business_calendars") != ""

    if not can_switch_user:
        print("Not root: the colleague's sign-in as another user was not tried")
        return 0

    # The colleague's own Caredesk, as user nobody: the file, its folder
    # and the display must be theirs to use too.
    for name in os.listdir(tmp):
        os.chmod(os.path.join(tmp, name), 0o666)
    nobody = pwd.getpwnam("nobody")
    home = tempfile.mkdtemp(prefix="colleague-", dir=tmp)
    os.chown(home, nobody.pw_uid, nobody.pw_gid)
    env = dict(os.environ, HOME=home, XDG_CONFIG_HOME=os.path.join(home, "config"),
               XDG_DATA_HOME=os.path.join(home, "data"), XDG_CACHE_HOME=os.path.join(home, "cache"),
               XDG_RUNTIME_DIR=home, LOGNAME="nobody", USER="nobody")
    env.pop("DBUS_SESSION_BUS_ADDRESS", None)
    env.pop("AT_SPI_BUS_ADDRESS", None)
    if "XAUTHORITY" in os.environ:
        xauthority = os.path.join(tmp, "Xauthority")
        shutil.copy(os.environ["XAUTHORITY"], xauthority)
        os.chmod(xauthority, 0o644)
        env["XAUTHORITY"] = xauthority
    result = subprocess.run(["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups",
                             "dbus-run-session", "--", sys.executable, os.path.abspath(__file__),
                             "--colleague", database],
                            env=env, timeout=TIMEOUT * 4)
    assert result.returncode == 0, "the colleague's Caredesk did not sign in"
    return 0


if __name__ == "__main__":
    sys.exit(main())
