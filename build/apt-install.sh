#!/usr/bin/env bash
# Installs Debian packages that a test or the bench needs from outside Maven, if this machine can
# install packages (root and apt-get); else says what goes without them. The callers check first
# whether what they need is there, and call this only when it is not.
#   usage: apt-install.sh "<what is skipped without them>" PACKAGE...
set -euo pipefail
without=$1; shift
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
    dpkg-query -W -f='installed ${Package} ${Version}\n' "$@"
else
    echo "$* missing and not installable here: $without" >&2
fi
