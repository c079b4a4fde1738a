# SPDX-License-Identifier: GPL-3.0-or-later
"""What the end-to-end tests share: finding Caredesk and its widgets on
the accessibility bus, waiting for a condition, and ending the program.

Run with Debian's python3 (pyatspi), inside xvfb-run and dbus-run-session.
"""

import os
import subprocess
import time

import pyatspi

# The build's application id (a development build has its own).
APP_ID = os.environ.get("CAREDESK_APP_ID", "io.github.caredesk.Caredesk")
OBJECT_PATH = "/" + APP_ID.replace(".", "/")
TIMEOUT = 20.0


def wait_for(what, condition, timeout=TIMEOUT, interval=0.1, proc=None):
    """Polls condition() until it returns something true, or fails; fails
    at once if proc, the program under test, has ended."""
    deadline = time.monotonic() + timeout
    while True:
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"caredesk exited with {proc.returncode} while waiting for {what}")
        try:
            result = condition()
        except Exception:  # the tree changes under us while it is walked
            result = None
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:.0f} s waiting for {what}")
        time.sleep(interval)


def find_application(pid):
    desktop = pyatspi.Registry.getDesktop(0)
    for app in desktop:
        if app is None:
            continue
        try:
            if app.get_process_id() == pid and app.name.lower() == "caredesk":
                return app
        except Exception:
            continue
    return None


def walk(node, depth=0, max_depth=60):
    """Yields node and its descendants, depth first."""
    if node is None or depth > max_depth:
        return
    yield node
    try:
        children = list(node)
    except Exception:
        return
    for child in children:
        yield from walk(child, depth + 1, max_depth)


def find(app, name, roles=None, exclude_roles=()):
    for node in walk(app):
        try:
            if node.name != name:
                continue
            role = node.getRole()
            if (roles is None or role in roles) and role not in exclude_roles:
                return node
        except Exception:
            continue
    return None


def find_button(app, label):
    """The push button labelled @label (without its mnemonic underscore):
    GTK 4.8 names a button with a mnemonic "_Label Label"."""
    for node in walk(app):
        try:
            if node.getRole() == pyatspi.ROLE_PUSH_BUTTON and (node.name == label or node.name.endswith(" " + label)):
                return node
        except Exception:
            continue
    return None


def is_showing(node):
    """True for a node on screen. GTK 4.8 reports no SHOWING state at all:
    what is not on screen is left out of the tree (or marked not VISIBLE),
    so a VISIBLE node found in the tree is showing."""
    return node.getState().contains(pyatspi.STATE_VISIBLE)


def activate(entry):
    """Activates a navigation entry as assistive technology would."""
    try:
        action = entry.queryAction()
    except NotImplementedError:
        action = None
    if action is not None and action.nActions > 0:
        action.doAction(0)
        return
    # A list row without an action is picked through its list's selection.
    parent = entry.parent
    parent.querySelection().selectChild(entry.getIndexInParent())


def quit_app(env):
    """Quits the running caredesk through its "quit" action on D-Bus."""
    subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
         "--method", "org.freedesktop.Application.ActivateAction", "quit", "[]", "{}"],
        check=True, env=env, stdout=subprocess.DEVNULL, timeout=TIMEOUT,
    )


def open_files(pid):
    """The paths of the files process pid has open now (empty once it has
    ended)."""
    paths = []
    fd_dir = f"/proc/{pid}/fd"
    try:
        fds = os.listdir(fd_dir)
    except OSError:
        return paths
    for fd in fds:
        try:
            paths.append(os.readlink(os.path.join(fd_dir, fd)))
        except OSError:
            continue
    return paths
