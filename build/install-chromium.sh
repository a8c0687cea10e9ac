#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of the progress report (ReportCommandTest), if it
# is missing and this machine can install packages. Never a browser download by a test tool.
# Without it that test is skipped, not passed.
set -euo pipefail
if command -v chromium >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
    echo "installed $(chromium --version 2>/dev/null || echo chromium)"
else
    echo "chromium missing and not installable here: the report's browser test will be skipped" >&2
fi
