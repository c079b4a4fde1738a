# SPDX-License-Identifier: GPL-3.0-or-later
"""Customers and tickets in GNOME Shell's search.

The real program runs on a demo file, on the private session bus of
dbus-run-session, and is asked over D-Bus with `gdbus call` what GNOME
Shell asks a search provider (org.gnome.Shell.SearchProvider2):
GetInitialResultSet for a Chinese surname, a two-character name, a Latin
word and a ticket number, GetSubsearchResultSet as the person types on,
GetResultMetas for what the Shell shows of each, and ActivateResult,
which must open the ticket's page in the window (seen over AT-SPI). The
provider's .ini file, as the build installs it, names the application's
bus name and the object path that answers.

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import ast
import configparser
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile

from e2e_util import APP_ID, OBJECT_PATH, TIMEOUT, find, find_application, is_showing, pyatspi, quit_app, wait_for

PROVIDER_PATH = OBJECT_PATH + "/SearchProvider"
INTERFACE = "org.gnome.Shell.SearchProvider2"


def gdbus(env, method, *args):
    """Calls @method of the provider with `gdbus call`; returns its reply
    as Python values (gdbus prints GVariant text)."""
    result = subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", PROVIDER_PATH,
         "--method", f"{INTERFACE}.{method}", *args],
        capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert result.returncode == 0, f"gdbus call {method} failed: {result.stderr}"
    return parse_variant(result.stdout.strip())


def parse_variant(text):
    """GVariant text of strings, arrays, dicts and variants as Python."""
    text = re.sub(r"@a\{sv\} ", "", text)
    text = re.sub(r"@as ", "", text)
    text = re.sub(r"<(\(?'[^']*'.*?\)?)>", r"\1", text)   # <'x'> -> 'x'
    text = re.sub(r"\buint32 |\bint64 |\bobjectpath ", "", text)
    try:
        return ast.literal_eval(text)
    except (ValueError, SyntaxError):
        return text


def quoted(values):
    return "[" + ", ".join("'" + v.replace("'", "\\'") + "'" for v in values) + "]"


def initial(env, *terms):
    reply = gdbus(env, "GetInitialResultSet", quoted(terms))
    assert isinstance(reply, tuple) and len(reply) == 1, f"unexpected reply {reply!r}"
    return list(reply[0])


def metas(env, identifiers):
    raw = subprocess.run(
        ["gdbus", "call", "--session", "--dest", APP_ID, "--object-path", PROVIDER_PATH,
         "--method", f"{INTERFACE}.GetResultMetas", quoted(identifiers)],
        capture_output=True, text=True, env=env, timeout=TIMEOUT)
    assert raw.returncode == 0, f"GetResultMetas failed: {raw.stderr}"
    # Each meta's id and name, in order: [{'id': <'ticket:3'>, 'name': <'…'>, …}, …]
    out = raw.stdout
    ids = re.findall(r"'id': <'([^']*)'>", out)
    names = re.findall(r"'name': <'((?:[^'\\]|\\.)*)'>", out)
    assert len(ids) == len(names), f"every meta has an id and a name: {out}"
    return dict(zip(ids, names)), out


DBUS_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:tmpdir={tmp}</listen>
  <servicedir>{services}</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def check_activation(binary, tmp, env, database, customer_id, name):
    """With Caredesk not running, the Shell's first call starts it through
    the D-Bus service file the build installs; it opens the last file
    without a window and answers."""
    services = os.path.join(tmp, "services")
    os.makedirs(services)
    built_service = os.path.join(os.path.dirname(os.path.dirname(binary)), "data", APP_ID + ".service")
    with open(built_service, encoding="utf-8") as f:
        service = f.read()
    check(f"Name={APP_ID}\n" in service and "--gapplication-service" in service, f"the service file is {service!r}")
    # The installed file runs the installed program; this one runs the build.
    service = re.sub(r"^Exec=\S+", "Exec=" + binary, service, flags=re.M)
    with open(os.path.join(services, APP_ID + ".service"), "w", encoding="utf-8") as f:
        f.write(service)
    config = os.path.join(tmp, "bus.conf")
    with open(config, "w", encoding="utf-8") as f:
        f.write(DBUS_CONFIG.format(tmp=tmp, services=services))

    # The last file opened, as Caredesk remembers it.
    settings = os.path.join(tmp, "service-config", "glib-2.0", "settings")
    os.makedirs(settings)
    with open(os.path.join(settings, "keyfile"), "w", encoding="utf-8") as f:
        f.write("[%s]\ndatabase-path='%s'\n" % (OBJECT_PATH.strip("/"), database))
    bus_env = dict(env, GSETTINGS_BACKEND="keyfile", XDG_CONFIG_HOME=os.path.join(tmp, "service-config"))
    bus_env.pop("DBUS_SESSION_BUS_ADDRESS", None)

    daemon = subprocess.Popen(["dbus-daemon", "--config-file", config, "--nofork", "--print-address"],
                              env=bus_env, stdout=subprocess.PIPE, text=True)
    try:
        address = daemon.stdout.readline().strip()
        check(address.startswith("unix:"), f"the private bus gave no address: {address!r}")
        bus_env["DBUS_SESSION_BUS_ADDRESS"] = address
        ids = initial(bus_env, name[:2])
        check(f"customer:{customer_id}" in ids, f"the started service found {ids}")
        names = subprocess.run(["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus",
                                "--object-path", "/org/freedesktop/DBus", "--method",
                                "org.freedesktop.DBus.ListNames"],
                               capture_output=True, text=True, env=bus_env, timeout=TIMEOUT).stdout
        check(f"'{APP_ID}'" in names, "Caredesk is not on the bus it was started on")
        print("ok: D-Bus started Caredesk for the Shell's search, and it answered")
        quit_app(bus_env)
        wait_for("the started Caredesk to leave the bus", lambda: f"'{APP_ID}'" not in subprocess.run(
            ["gdbus", "call", "--session", "--dest", "org.freedesktop.DBus", "--object-path", "/org/freedesktop/DBus",
             "--method", "org.freedesktop.DBus.ListNames"], capture_output=True, text=True, env=bus_env,
            timeout=TIMEOUT).stdout)
    finally:
        daemon.terminate()
        daemon.wait(timeout=TIMEOUT)


def check(condition, message):
    if not condition:
        raise AssertionError(message)


def main():
    binary = os.environ.get("CAREDESK_BIN")
    if not binary or not os.path.exists(binary):
        print(f"CAREDESK_BIN does not name the built program: {binary!r}")
        return 1

    # The provider's file, as installed under gnome-shell/search-providers.
    build_data = os.path.join(os.path.dirname(os.path.dirname(binary)), "data")
    ini_path = os.path.join(build_data, APP_ID + ".search-provider.ini")
    ini = configparser.ConfigParser()
    check(ini.read(ini_path, encoding="utf-8") == [ini_path], f"no provider file at {ini_path}")
    section = ini["Shell Search Provider"]
    check(section["BusName"] == APP_ID, f"BusName is {section['BusName']!r}")
    check(section["ObjectPath"] == PROVIDER_PATH, f"ObjectPath is {section['ObjectPath']!r}")
    check(section["DesktopId"] == APP_ID + ".desktop", f"DesktopId is {section['DesktopId']!r}")
    check(section["Version"] == "2", "Version is not 2")
    print("ok: the provider's .ini names the bus name and object path")

    tmp = tempfile.mkdtemp(prefix="caredesk-e2e-search-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    database = os.path.join(tmp, "team.caredesk")
    subprocess.run([binary, "--generate-demo", "small", "--database", database],
                   env=env, check=True, stdout=subprocess.DEVNULL, timeout=180)

    db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
    # A customer with a Chinese name (a surname and a given name), and a
    # ticket of theirs.
    name = next(n for (n,) in db.execute("SELECT name FROM customers ORDER BY id")
                if re.fullmatch(r"[\u4e00-\u9fff]{2,3}", n))
    customer_id = db.execute("SELECT id FROM customers WHERE name = ? ORDER BY id LIMIT 1", (name,)).fetchone()[0]
    ticket_id, subject = db.execute("SELECT id, subject FROM tickets ORDER BY id DESC LIMIT 1").fetchone()
    db.close()
    number = f"T-{ticket_id:06d}"

    proc = subprocess.Popen([binary, "--database", database], env=env)
    try:
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(proc.pid), proc=proc)
        wait_for("the signed-in window", lambda: find(app, "Tickets", (pyatspi.ROLE_LIST_ITEM,)), proc=proc)

        # A single surname and a two-character name find the customer.
        surname_ids = initial(env, name[0])
        check(f"customer:{customer_id}" in surname_ids, f"{name[0]!r} did not find customer {customer_id}: {surname_ids}")
        name_ids = initial(env, name[:2])
        check(f"customer:{customer_id}" in name_ids, f"{name[:2]!r} did not find customer {customer_id}: {name_ids}")
        check(all(i.startswith(("customer:", "ticket:")) for i in surname_ids + name_ids),
              "the Shell gets only customers and tickets")
        print(f"ok: {name[0]!r} and {name[:2]!r} find the customer")

        # GetResultMetas: the name the Shell shows.
        shown, raw = metas(env, [f"customer:{customer_id}"])
        check(shown.get(f"customer:{customer_id}") == name, f"the customer's meta is {raw}")
        check("'icon'" in raw, f"no icon in {raw}")
        print("ok: GetResultMetas gives the customer's name and an icon")

        # A ticket number, with or without T- and zeros: that ticket first.
        for typed in (number, str(ticket_id), number.lower().replace("-", "")):
            ids = initial(env, typed)
            check(ids[:1] == [f"ticket:{ticket_id}"], f"{typed!r} gave {ids}")
        shown, raw = metas(env, [f"ticket:{ticket_id}"])
        check(shown.get(f"ticket:{ticket_id}") == subject and f"'description': <'{number}" in raw,
              f"the ticket's meta is {raw}")
        print(f"ok: {number} is found by its number")

        # Typing on narrows the search.
        sub = gdbus(env, "GetSubsearchResultSet", quoted(name_ids), quoted([name]))
        check(f"customer:{customer_id}" in list(sub[0]), f"the subsearch for {name!r} gave {sub}")
        # A word that matches nothing gives nothing, and unknown ids no meta.
        check(initial(env, "zzyzxqq") == [], "a word matching nothing found something")
        shown, raw = metas(env, ["ticket:999999999", "nonsense"])
        check(shown == {}, f"unknown results got metas: {raw}")
        print("ok: subsearch, no match, unknown identifiers")

        # ActivateResult opens the ticket's page in the window.
        gdbus(env, "ActivateResult", f"'ticket:{ticket_id}'", quoted([number]), "0")
        wait_for(f"the page of {number}",
                 lambda: (lambda n: n if n is not None and is_showing(n) else None)(
                     find(app, number, (pyatspi.ROLE_LABEL,))), proc=proc)
        print(f"ok: ActivateResult opened {number}")

        quit_app(env)
        code = proc.wait(timeout=TIMEOUT)
        check(code == 0, f"caredesk exited with {code}")

        check_activation(binary, tmp, env, database, customer_id, name)
    finally:
        if proc.poll() is None:
            proc.terminate()
            try:
                proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    print("all search provider checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
