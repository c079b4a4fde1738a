# SPDX-License-Identifier: GPL-3.0-or-later
"""Every control and row says what it is to a screen reader.

Starts the built caredesk on a demo file, shows each view and a
ticket's page, and the editors for a new customer, ticket and
complaint, and walks the accessibility tree of each. It fails on a
control or row whose name is empty, is a widget class name
("GtkToggleButton", "GtkColumnViewCell"…), or repeats its mnemonic label
("_Import… Import…"), and on identical buttons side by side that do not
say for whom ("Record Outcome" four times).

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

from e2e_util import APP_ID, OBJECT_PATH, TIMEOUT, activate, find, find_application, find_button, pyatspi, \
    quit_app, wait_for

VIEWS = ["Overview", "Customers", "Tickets", "Complaints & follow-ups", "Training"]

# What a person reaches and a screen reader reads out. Structure (panels,
# fillers, scroll bars) is GTK's own and left out.
CHECKED_ROLES = {
    pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON, pyatspi.ROLE_CHECK_BOX, pyatspi.ROLE_RADIO_BUTTON,
    pyatspi.ROLE_COMBO_BOX, pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_LINK, pyatspi.ROLE_ENTRY,
    pyatspi.ROLE_TEXT, pyatspi.ROLE_SPIN_BUTTON, pyatspi.ROLE_SLIDER, pyatspi.ROLE_PAGE_TAB,
    pyatspi.ROLE_LIST, pyatspi.ROLE_LIST_BOX, pyatspi.ROLE_TABLE, pyatspi.ROLE_TREE_TABLE,
    pyatspi.ROLE_TABLE_CELL, pyatspi.ROLE_TABLE_ROW, pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_LABEL,
}
# Labels may be empty (a state not shown yet); they must not read out a
# class name.
MAY_BE_EMPTY = {pyatspi.ROLE_LABEL, pyatspi.ROLE_TEXT}
CLASS_NAME = re.compile(r"(Gtk|Adw|Cd)[A-Z][A-Za-z]*")
DOUBLED = re.compile(r"(.*_.*) (.*)")


def shown(node, depth=0):
    """node and its descendants, leaving out what is not visible (a closed
    popover and what it holds)."""
    try:
        if not node.getState().contains(pyatspi.STATE_VISIBLE) or depth > 60:
            return
        children = list(node)
    except Exception:
        return
    yield node
    for child in children:
        yield from shown(child, depth + 1)


def problems_in(root, where):
    found = []
    siblings = {}
    for node in shown(root):
        try:
            role = node.getRole()
            name = node.name or ""
            role_name = node.getRoleName()
        except Exception:
            continue
        if role not in CHECKED_ROLES:
            continue
        doubled = DOUBLED.fullmatch(name)
        if CLASS_NAME.fullmatch(name):
            found.append(f"{where}: a {role_name} named after its class, {name!r}")
        elif doubled and doubled.group(1).replace("_", "") == doubled.group(2):
            found.append(f"{where}: a {role_name} with its mnemonic doubled, {name!r}")
        elif " " in name and name[:len(name) // 2] == name[len(name) // 2 + 1:]:
            found.append(f"{where}: a {role_name} with its name doubled, {name!r}")
        elif name.strip() == "" and role not in MAY_BE_EMPTY:
            found.append(f"{where}: a {role_name} without a name")
        if role == pyatspi.ROLE_PUSH_BUTTON and name:
            siblings[name] = siblings.get(name, 0) + 1
    for name, count in siblings.items():
        if count > 3:
            found.append(f"{where}: {count} buttons named {name!r} do not say for whom")
    return found


def gapplication_action(env, action, parameter):
    subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", OBJECT_PATH,
         "--method", "org.freedesktop.Application.ActivateAction", action, f"[{parameter}]", "{}"],
        check=True, env=env, stdout=subprocess.DEVNULL, timeout=TIMEOUT,
    )


def settle():
    # The tree is built as GTK maps the widgets; lazy lists fill in idle.
    time.sleep(1.5)


def main():
    binary = os.environ.get("CAREDESK_BIN")
    if not binary or not os.path.exists(binary):
        print(f"CAREDESK_BIN does not name the built program: {binary!r}")
        return 1

    tmp = tempfile.mkdtemp(prefix="caredesk-e2e-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.pop("GTK_A11Y", None)
    database = os.path.join(tmp, "demo.caredesk")
    subprocess.run([binary, "--generate-demo", "small", "--database", database], check=True, env=env,
                   stdout=subprocess.DEVNULL, timeout=120)

    import sqlite3
    db = sqlite3.connect(database)
    ticket, customer_name = db.execute("SELECT t.id, c.name FROM tickets t JOIN customers c ON c.id = t.customer_id"
                                       " WHERE t.status = 'open' ORDER BY t.id LIMIT 1").fetchone()
    db.close()

    problems = []
    proc = subprocess.Popen([binary, "--database", database], env=env)
    try:
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        for view in VIEWS:
            entry = wait_for(f"navigation entry {view!r}",
                             lambda view=view: find(app, view, (pyatspi.ROLE_LIST_ITEM,)), proc=proc)
            activate(entry)
            settle()
            problems += problems_in(app, view)
            print(f"checked: {view}")

        gapplication_action(env, "open-ticket", f"<int64 {ticket}>")
        settle()
        problems += problems_in(app, "a ticket's page")
        # The customer's name is a button that says what it opens (GTK 4.8
        # does not show links inside labels to screen readers).
        customer = find(app, f"Open customer {customer_name}", (pyatspi.ROLE_PUSH_BUTTON,))
        if customer is None:
            problems.append(f"a ticket's page: no button named 'Open customer {customer_name}'")
        print("checked: a ticket's page")

        for view, button, title in [("Customers", "New Customer", "New Customer"),
                                    ("Tickets", "New Ticket", "New Ticket"),
                                    ("Complaints & follow-ups", "New Complaint", "New Complaint")]:
            activate(find(app, view, (pyatspi.ROLE_LIST_ITEM,)))
            settle()
            count = app.childCount
            activate(wait_for(f"the {button!r} button", lambda button=button: find_button(app, button), proc=proc))
            frame = wait_for(f"the {title!r} editor",
                             lambda count=count: app.childCount > count and app[app.childCount - 1], proc=proc)
            settle()
            problems += problems_in(frame, f"the {title} editor")
            print(f"checked: the {title} editor ({frame.name})")
            activate(find_button(frame, "Cancel"))
            wait_for(f"the {title!r} editor to close", lambda count=count: app.childCount == count, proc=proc)

        quit_app(env)
        code = proc.wait(timeout=TIMEOUT)
        assert code == 0, f"caredesk exited with {code}"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)

    counts = {}
    for problem in problems:
        counts[problem] = counts.get(problem, 0) + 1
    for problem, count in counts.items():
        print("FAIL:", problem, f"(×{count})" if count > 1 else "")
    if problems:
        print(f"{len(problems)} controls or rows lack a name that says what they are")
        return 1
    print("ok: every control and row has a name")
    return 0


if __name__ == "__main__":
    sys.exit(main())
