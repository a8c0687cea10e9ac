#!/usr/bin/env bash
# Installs SoftHSM2 (Debian's softhsm2 package) for the PKCS#11 tests of the sealing adapter, if it
# is missing and this machine can install packages. Without it those tests are skipped, not passed.
set -euo pipefail
if command -v softhsm2-util >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq softhsm2 >/dev/null
    echo "installed $(softhsm2-util --version 2>/dev/null | head -1 || echo softhsm2)"
else
    echo "SoftHSM2 missing and not installable here: the PKCS#11 tests will be skipped" >&2
fi
