#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Check the Flatpak manifest.

Usage: check-flatpak-manifest.py MANIFEST APP_ID

Always: the file must be valid JSON (python3 -m json.tool) and hold what
the project relies on: the app id and command, a fixed GNOME runtime,
least-privilege finish-args, and one meson module built from the local
source tree. Where flatpak-builder is installed, it must also read the
manifest without errors or warnings.
"""

import json
import os
import re
import shutil
import subprocess
import sys

REQUIRED_FINISH_ARGS = [
    '--share=ipc',
    '--socket=wayland',
    '--socket=fallback-x11',
    '--device=dri',
    '--talk-name=org.freedesktop.Notifications',
]

# The shared database folder is granted per site with `flatpak override`.
FORBIDDEN_FINISH_ARGS = re.compile(
    r'^--(filesystem=(home|host|host-os|host-etc|~)(/.*|:.*)?'
    r'|socket=x11|socket=session-bus|socket=system-bus|device=all'
    r'|talk-name=org\.freedesktop\.Flatpak|share=network)$')

problems = []


def problem(text):
    problems.append(text)
    print('error: ' + text)


def check_json_tool(path):
    result = subprocess.run(['/usr/bin/python3', '-m', 'json.tool', path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            universal_newlines=True)
    if result.returncode != 0:
        problem('%s is not valid JSON: %s' % (path, result.stderr.strip()))
        return False
    print('json.tool: %s is valid JSON' % path)
    return True


def check_keys(manifest, app_id):
    if not isinstance(manifest, dict):
        problem('the manifest is not a JSON object')
        return
    got_id = manifest.get('id', manifest.get('app-id'))
    if got_id != app_id:
        problem('id is %r, expected %r' % (got_id, app_id))
    if manifest.get('command') != 'caredesk':
        problem('command is %r, expected "caredesk"' % manifest.get('command'))
    if manifest.get('runtime') != 'org.gnome.Platform':
        problem('runtime is %r, expected "org.gnome.Platform"' % manifest.get('runtime'))
    if manifest.get('sdk') != 'org.gnome.Sdk':
        problem('sdk is %r, expected "org.gnome.Sdk"' % manifest.get('sdk'))
    version = manifest.get('runtime-version')
    if not isinstance(version, str) or not re.fullmatch(r'\d+(\.\d+)?', version):
        problem('runtime-version is %r; it must be a fixed release such as "50", '
                'never a moving branch like "master"' % version)

    finish_args = manifest.get('finish-args')
    if not isinstance(finish_args, list):
        problem('finish-args is missing or not a list')
        finish_args = []
    for arg in REQUIRED_FINISH_ARGS:
        if arg not in finish_args:
            problem('finish-args lacks %s' % arg)
    for arg in finish_args:
        if not isinstance(arg, str) or FORBIDDEN_FINISH_ARGS.match(arg):
            problem('finish-args has %r, which grants more than Caredesk needs' % arg)

    modules = manifest.get('modules')
    if not isinstance(modules, list) or not modules:
        problem('modules is missing or empty')
        return
    last = modules[-1]
    if not isinstance(last, dict) or last.get('name') != 'caredesk':
        problem('the last module must be the "caredesk" module')
        return
    if last.get('buildsystem') != 'meson':
        problem('the caredesk module must use buildsystem "meson"')
    sources = last.get('sources')
    if not isinstance(sources, list) or not sources:
        problem('the caredesk module has no sources')
        sources = []
    if not any(isinstance(s, dict) and s.get('type') == 'dir' and s.get('path') == '..'
               for s in sources):
        problem('the caredesk module must build from the local tree: '
                '{"type": "dir", "path": ".."}')

    def walk(mods):
        for mod in mods:
            if not isinstance(mod, dict):
                continue
            for src in mod.get('sources', []):
                if isinstance(src, dict) and src.get('type') == 'git' and not (
                        src.get('commit') or src.get('tag')):
                    problem('module %r takes a git source without a fixed commit or tag'
                            % mod.get('name'))
                if isinstance(src, dict) and 'branch' in src:
                    problem('module %r follows a git branch' % mod.get('name'))
            walk(mod.get('modules', []))
    walk(modules)


def check_flatpak_builder(path):
    builder = shutil.which('flatpak-builder')
    if builder is None:
        print('flatpak-builder is not installed: only the JSON checks ran')
        return
    result = subprocess.run([builder, '--show-manifest', path],
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                            universal_newlines=True)
    stderr = result.stderr.strip()
    if result.returncode != 0:
        problem('flatpak-builder --show-manifest failed (exit %d): %s'
                % (result.returncode, stderr))
    elif re.search(r'warning|unknown|error|critical', stderr, re.IGNORECASE):
        problem('flatpak-builder --show-manifest complained: %s' % stderr)
    else:
        print('flatpak-builder --show-manifest: read without complaint')
        if stderr:
            print(stderr)


def main():
    if len(sys.argv) != 3:
        print(__doc__)
        return 2
    path, app_id = sys.argv[1], sys.argv[2]
    if os.path.basename(path) != app_id + '.json':
        problem('the manifest should be named %s.json' % app_id)
    if check_json_tool(path):
        with open(path, encoding='utf-8') as f:
            check_keys(json.load(f), app_id)
    check_flatpak_builder(path)
    if problems:
        print('FAIL: %d problem(s) found.' % len(problems))
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
