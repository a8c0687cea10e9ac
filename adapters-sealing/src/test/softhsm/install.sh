#!/usr/bin/env bash
# Installs SoftHSM2 (Debian's softhsm2 package) for the PKCS#11 tests of the sealing adapter, if it
# is missing and this machine can install packages. Without it those tests are skipped, not passed.
set -euo pipefail
command -v softhsm2-util >/dev/null 2>&1 && exit 0
exec bash "$(dirname "$0")/../../../../build/apt-install.sh" "the PKCS#11 tests will be skipped" softhsm2
