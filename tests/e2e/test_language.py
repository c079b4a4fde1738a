# SPDX-License-Identifier: GPL-3.0-or-later
"""The build tree speaks the desktop's language.

tools/demo (the README's quick start) runs the built caredesk in meson's
developer environment. Started that way with a Chinese desktop
(LANGUAGE=zh_CN), the window must show Caredesk's Chinese translation,
compiled in the build tree, not the English it falls back to when it
looks for translations under the install prefix only.

Run inside `xvfb-run -a dbus-run-session -- ...` with Debian's python3.
"""

import os
import shutil
import subprocess
import sys
import tempfile

from e2e_util import find, find_application, pyatspi, quit_app, wait_for

# Sidebar entries in Chinese (po/zh_CN.po) and in English.
CHINESE = ["概览", "客户", "工单"]
ENGLISH = ["Overview", "Customers", "Tickets"]


def child_pids(pid):
    try:
        with open(f"/proc/{pid}/task/{pid}/children", encoding="ascii") as f:
            return [int(p) for p in f.read().split()]
    except OSError:
        return []


def caredesk_under(pid):
    """The caredesk process that `meson devenv` (process pid) started."""
    for child in child_pids(pid):
        try:
            with open(f"/proc/{child}/comm", encoding="utf-8") as f:
                if f.read().strip() == "caredesk":
                    return child
        except OSError:
            continue
    return None


def main():
    binary = os.environ.get("CAREDESK_BIN")
    if not binary or not os.path.exists(binary):
        print(f"CAREDESK_BIN does not name the built program: {binary!r}")
        return 1
    builddir = os.path.dirname(os.path.dirname(binary))

    tmp = tempfile.mkdtemp(prefix="caredesk-e2e-")
    env = dict(os.environ)
    env["XDG_CONFIG_HOME"] = os.path.join(tmp, "config")
    env["XDG_DATA_HOME"] = os.path.join(tmp, "data")
    env["XDG_CACHE_HOME"] = os.path.join(tmp, "cache")
    env.setdefault("GSETTINGS_BACKEND", "memory")
    env.pop("GTK_A11Y", None)
    # What tools/demo does not set: the build's own places come from
    # meson's developer environment alone.
    env.pop("GSETTINGS_SCHEMA_DIR", None)
    env.pop("CAREDESK_LOCALEDIR", None)
    env["LANGUAGE"] = "zh_CN"
    env["LC_ALL"] = "C.UTF-8"
    database = os.path.join(tmp, "team.caredesk")

    # As tools/demo starts it.
    devenv = subprocess.Popen(["meson", "devenv", "-C", builddir, "-w", tmp,
                               binary, "--database", database], env=env)
    try:
        pid = wait_for("caredesk under meson devenv", lambda: caredesk_under(devenv.pid), proc=devenv)
        app = wait_for("caredesk on the accessibility bus", lambda: find_application(pid), proc=devenv)
        for label in CHINESE:
            wait_for(f"the sidebar entry {label!r}",
                     lambda label=label: find(app, label, (pyatspi.ROLE_LIST_ITEM,)), proc=devenv)
        for label in ENGLISH:
            assert find(app, label, (pyatspi.ROLE_LIST_ITEM,)) is None, f"{label!r} is still in English"
        print("ok: the build tree's caredesk shows its Chinese translation")
        quit_app(env)
        code = devenv.wait(timeout=30)
        assert code == 0, f"caredesk exited with {code}"
    finally:
        if devenv.poll() is None:
            devenv.kill()
            devenv.wait()
        shutil.rmtree(tmp, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
