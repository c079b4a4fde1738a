#!/usr/bin/python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Run a validator and fail on errors and warnings alike.

Usage: run-validator.py COMMAND [ARGS...]

Some validators (desktop-file-validate among them) exit 0 after printing
warnings, and even errors they call "fatal in the future". This fails when
the command exits non-zero or prints a warning or an error, and passes its
output through so the test log shows it.
"""

import re
import subprocess
import sys

COMPLAINT = re.compile(r'^\s*[EW]:|\b(warning|error|critical)\b', re.IGNORECASE | re.MULTILINE)


def main():
    if len(sys.argv) < 2:
        print(__doc__)
        return 2
    cmd = sys.argv[1:]
    result = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            universal_newlines=True)
    output = result.stdout.rstrip()
    print('$ ' + ' '.join(cmd))
    if output:
        print(output)
    if result.returncode != 0:
        print('FAIL: exit status %d' % result.returncode)
        return 1
    if COMPLAINT.search(output):
        print('FAIL: the validator reported a warning or an error')
        return 1
    print('OK')
    return 0


if __name__ == '__main__':
    sys.exit(main())
