# SPDX-License-Identifier: GPL-3.0-or-later
"""The application shell, driven as a person would, over AT-SPI.

Starts the built caredesk ($CAREDESK_BIN) on a new database in a temporary
folder, finds its five navigation entries by their accessible names,
activates each one and checks that the matching view is showing, starts
caredesk a second time (which must hand over to the first and end), and
once more with a file of its own while the first is stopped (the second
must hand the file over without opening or creating it; the first opens
it once it runs again), then quits through the application's "quit" action on D-Bus. Then opens the same
file while another program is writing to it, a file of the first release
while another program is writing to it (the window says it is opening the
file, and shows the views once the file could be upgraded), and a file
that is not a database (its message, and the file left unchanged).

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import os
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import time

from e2e_util import (TIMEOUT, activate, find, find_application, find_button, is_showing, open_files, pyatspi,
                      quit_app, wait_for)

# (navigation entry, the view's accessible name) in sidebar order
VIEWS = [
    ("Overview", "Overview"),
    ("Customers", "Customers"),
    ("Tickets", "Tickets"),
    ("Complaints & follow-ups", "Complaints & follow-ups"),
    ("Training", "Training"),
]


def make_first_release_file(source, path):
    """Copies the Caredesk file at source to path as the first release
    (schema 1) wrote it: without what later schemas added."""
    import sqlite3
    src = sqlite3.connect(source)
    dst = sqlite3.connect(path, isolation_level=None)
    src.backup(dst)
    src.close()
    for trigger in ("tickets_names_after_insert", "tickets_names_after_update",
                    "customers_name_to_tickets", "staff_name_to_tickets",
                    "customers_insert_to_tickets", "staff_insert_to_tickets"):
        dst.execute(f"DROP TRIGGER {trigger}")
    for index in ("tickets_priority_rank", "tickets_due_done", "customers_owner_archived",
                  "followups_complaint_status", "tickets_customer_name", "tickets_assignee_name",
                  "tickets_resolution_due"):
        dst.execute(f"DROP INDEX {index}")
    dst.execute("CREATE INDEX tickets_resolution_due ON tickets(resolution_due, status, pending_since,"
                " priority, customer_id) WHERE status IN ('new','open','pending')")
    dst.execute("ALTER TABLE tickets DROP COLUMN customer_name")
    dst.execute("ALTER TABLE tickets DROP COLUMN assignee_name")
    # Schema 3: the audit log's hash chain.
    dst.execute("ALTER TABLE audit_log DROP COLUMN hash")
    # Schema 4: customers' owner requests; schema 5: retired categories.
    dst.execute("DROP TABLE customer_owner_requests")
    dst.execute("DROP TABLE ticket_categories_retired")
    # Schema 6: the search index, and what the knowledge base and canned
    # replies gained (both are empty in this file: they are made again as
    # the first release had them).
    for (name,) in dst.execute("SELECT name FROM sqlite_master WHERE type = 'trigger'"
                               " AND name LIKE 'search\\_%' ESCAPE '\\'").fetchall():
        dst.execute(f"DROP TRIGGER {name}")
    for (name,) in dst.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%'"
                               " AND name LIKE 'search\\_%' ESCAPE '\\'").fetchall():
        dst.execute(f"DROP TABLE {name}")
    for name in ("search_pos", "search_backlog", "kb_article_links"):
        dst.execute(f"DROP TABLE {name}")
    for table, first_added in (("kb_articles", "category"), ("canned_replies", "owner_id")):
        for (index,) in dst.execute("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                                    " AND sql IS NOT NULL", (table,)).fetchall():
            dst.execute(f"DROP INDEX {index}")
        # Added columns come last in the table's CREATE statement.
        sql = dst.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()[0]
        sql = sql[:re.search(r",\s*" + first_added + r"\s", sql).start()] + ")"
        dst.execute(f"DROP TABLE {table}")
        dst.execute(sql)
    # Schema 7: training and certification records.
    dst.execute("DROP TABLE certification_assessments")
    for table, column in (("courses", "archived"), ("certifications", "archived"),
                          ("certifications", "required_roles"), ("staff_certifications", "issued_by"),
                          ("staff_certifications", "override_reason"), ("staff_certifications", "revoked_by"),
                          ("staff_certifications", "revoke_reason"), ("enrolments", "waiting")):
        dst.execute(f"ALTER TABLE {table} DROP COLUMN {column}")
    # The open tickets' deadlines by assignee, for the SLA reminders.
    dst.execute("DROP INDEX tickets_assignee_deadlines")
    # The covering index of the Overview's summary rows.
    dst.execute("DROP INDEX overview_hours_counts")
    # The training matrix's and the certifications page's indexes.
    dst.execute("DROP INDEX staff_certifications_held")
    dst.execute("DROP INDEX staff_certifications_holders")
    dst.execute("PRAGMA user_version = 1")
    dst.close()


def main():
    binary = os.environ.get("CAREDESK_BIN")
    if not binary or not os.path.exists(binary):
        print(f"CAREDESK_BIN does not name the built program: {binary!r}")
        return 1

    tmp = tempfile.mkdtemp(prefix="caredesk-e2e-")
    env = dict(os.environ)
    # Keep the run away from the real user's files and settings.
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.pop("GTK_A11Y", None)
    database = os.path.join(tmp, "team.caredesk")

    proc = subprocess.Popen([binary, "--database", database], env=env)
    try:
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        print(f"found application {app.name!r} (pid {proc.pid})")

        entries = {}
        for label, _ in VIEWS:
            entries[label] = wait_for(
                f"navigation entry {label!r}",
                lambda label=label: find(app, label, (pyatspi.ROLE_LIST_ITEM,)),
                proc=proc,
            )
        print("found navigation entries:", ", ".join(entries))

        # A view is whatever carries its name apart from the sidebar's
        # entry and the header bar's title label.
        not_views = (pyatspi.ROLE_LIST_ITEM, pyatspi.ROLE_LABEL)
        # Visit in an order that always changes the view.
        for label, view_name in VIEWS[1:] + VIEWS[:1]:
            activate(entries[label])
            view = wait_for(
                f"the {view_name!r} view to show",
                lambda view_name=view_name: (lambda v: v if v is not None and is_showing(v) else None)(
                    find(app, view_name, exclude_roles=not_views)),
                proc=proc,
            )
            others = [name for _, name in VIEWS if name != view_name]
            for other in others:
                node = find(app, other, exclude_roles=not_views)
                assert node is None or not is_showing(node), f"{other!r} still showing after {label!r}"
            print(f"ok: {label!r} shows the {view.name!r} view")

        # A second start hands over to the running one and ends at once.
        second = subprocess.run([binary], env=env, timeout=TIMEOUT)
        assert second.returncode == 0, f"a second caredesk exited with {second.returncode}"
        assert proc.poll() is None, "the first caredesk ended when a second one started"
        print("ok: a second start handed over to the running caredesk")

        # A second start with a file of its own hands the file over without
        # touching it. While the first Caredesk is stopped, the second waits
        # for its answer, so whatever happens to the file meanwhile is the
        # second's doing: it must neither create nor open it.
        handed = os.path.join(tmp, "handed-over.caredesk")

        def second_has_it_open():
            return any(path.startswith(handed) for path in open_files(second.pid))

        os.kill(proc.pid, signal.SIGSTOP)
        try:
            second = subprocess.Popen([binary, "--database", handed], env=env)
            waited_until = time.monotonic() + 2.0
            while time.monotonic() < waited_until:
                assert second.poll() is None, \
                    f"the second caredesk exited with {second.returncode} before the first answered"
                assert not second_has_it_open(), "the second caredesk opened the file it was to hand over"
                assert not os.path.exists(handed), "the second caredesk created the file it was to hand over"
                time.sleep(0.01)
        finally:
            os.kill(proc.pid, signal.SIGCONT)
        assert second.wait(timeout=TIMEOUT) == 0, f"the second caredesk exited with {second.returncode}"
        wait_for("the first caredesk to open the handed-over file",
                 lambda: any(path == handed for path in open_files(proc.pid)), proc=proc)
        print("ok: a second start handed its file over without opening it")

        quit_app(env)
        code = proc.wait(timeout=TIMEOUT)
        assert code == 0, f"caredesk exited with {code} after app.quit"
        print("ok: app.quit ended the program")

        # Opened while another program is in the middle of a write: opening
        # only reads, so the views come up at once, with no error.
        import sqlite3
        holder = sqlite3.connect(database, isolation_level=None, timeout=10)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE staff SET display_name = display_name")
        proc = subprocess.Popen([binary, "--database", database], env=env)
        app = wait_for("caredesk during a write", lambda: find_application(proc.pid), proc=proc)
        wait_for("the views during a write",
                 lambda: find(app, "Customers", (pyatspi.ROLE_LIST_ITEM,)), proc=proc)
        assert find(app, "The Database Is Busy") is None, "a busy error was shown"
        holder.execute("COMMIT")
        holder.close()
        print("ok: a database another program is writing to opens at once")
        quit_app(env)
        assert proc.wait(timeout=TIMEOUT) == 0

        # A file of the first release while another program writes to it:
        # its upgrade waits for the write lock in the background, the
        # window says the file is being opened, and the views come once
        # the writer is done.
        old = os.path.join(tmp, "first-release.caredesk")
        make_first_release_file(database, old)
        holder = sqlite3.connect(old, isolation_level=None, timeout=10)
        holder.execute("BEGIN IMMEDIATE")
        holder.execute("UPDATE staff SET display_name = display_name")
        proc = subprocess.Popen([binary, "--database", old], env=env)
        app = wait_for("caredesk on an older file", lambda: find_application(proc.pid), proc=proc)
        wait_for("the page saying the file is being opened",
                 lambda: (lambda n: n if n is not None and is_showing(n) else None)(
                     find(app, "Opening the Database…")), proc=proc)
        assert find(app, "Customers", (pyatspi.ROLE_LIST_ITEM,)) is None, "views shown before the upgrade"
        holder.execute("COMMIT")
        holder.close()
        wait_for("the views after the upgrade",
                 lambda: find(app, "Customers", (pyatspi.ROLE_LIST_ITEM,)), proc=proc)
        check = sqlite3.connect(old)
        version = check.execute("PRAGMA user_version").fetchone()[0]
        check.close()
        assert version >= 2, f"the file is still at schema {version}"
        assert any(name.startswith("first-release.caredesk.backup") for name in os.listdir(tmp)), \
            "no backup beside the upgraded file"
        print("ok: an older file being written to shows that it is opening, then is upgraded")
        quit_app(env)
        assert proc.wait(timeout=TIMEOUT) == 0

        # A file that is not a database: the reason in words, and the file
        # left as it was.
        text = os.path.join(tmp, "customers.caredesk")
        content = b'name,phone\n"Wang; Fang",13800138000\n'
        with open(text, "wb") as f:
            f.write(content)
        proc = subprocess.Popen([binary, "--database", text], env=env)
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        wait_for("the not-a-database message",
                 lambda: find(app, "Not a Caredesk Database"), proc=proc)
        with open(text, "rb") as f:
            assert f.read() == content, "the file was changed"
        assert not os.path.exists(text + "-wal"), "a journal was made beside the file"
        print("ok: a file that is not a database is named as such and left unchanged")
        quit_app(env)
        assert proc.wait(timeout=TIMEOUT) == 0

        # A file of zero bytes may be a team file a failed copy emptied:
        # the window asks before setting it up, and writes nothing until
        # the person says so.
        empty = os.path.join(tmp, "truncated.caredesk")
        open(empty, "wb").close()
        proc = subprocess.Popen([binary, "--database", empty], env=env)
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        wait_for("the empty-file question", lambda: find(app, "The Database File Is Empty"), proc=proc)
        assert os.path.getsize(empty) == 0, "the empty file was written before anyone answered"
        assert not os.path.exists(empty + "-wal") and not os.path.exists(empty + "-journal"), \
            "a journal was made beside the empty file"
        assert find(app, "Customers", (pyatspi.ROLE_LIST_ITEM,)) is None, "views shown for an empty file"
        set_up = wait_for("the set-up button",
                          lambda: find_button(app, "Set Up a New Database in It"), proc=proc)
        activate(set_up)
        wait_for("the views after setting the file up",
                 lambda: find(app, "Customers", (pyatspi.ROLE_LIST_ITEM,)), proc=proc)
        check = sqlite3.connect(empty)
        version = check.execute("PRAGMA user_version").fetchone()[0]
        check.close()
        assert version >= 3, f"the file was not set up (schema {version})"
        print("ok: an empty file is set up only once the person says so")
        quit_app(env)
        assert proc.wait(timeout=TIMEOUT) == 0
        return 0
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
