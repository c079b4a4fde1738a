# SPDX-License-Identifier: GPL-3.0-or-later
# Sourced by tools/demo and tools/test: installs the Debian 12 packages
# Caredesk needs, only those that are missing.

CD_BUILD_PACKAGES="build-essential libgtk-4-dev libadwaita-1-dev libsqlite3-dev libnotify-dev
  meson ninja-build pkg-config gettext desktop-file-utils appstream libxml2-utils
  libglib2.0-dev-bin libglib2.0-bin sqlite3"
CD_TEST_PACKAGES="xvfb xauth dbus-x11 dbus at-spi2-core python3 python3-gi python3-dbusmock
  python3-pyatspi gir1.2-atspi-2.0 gir1.2-glib-2.0 imagemagick clang libclang-rt-14-dev
  fonts-noto-cjk libxtst-dev poppler-utils"

cd_ensure_packages ()
{
  local missing=""
  local pkg
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
      missing="$missing $pkg"
    fi
  done
  [ -z "$missing" ] && return 0

  echo "Installing:$missing"
  local sudo=""
  if [ "$(id -u)" != 0 ]; then
    sudo="sudo"
  fi
  $sudo apt-get update -qq || return 1
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing
}
