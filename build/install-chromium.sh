#!/usr/bin/env bash
# Installs Debian's chromium for the browser test of the progress report (ReportCommandTest), if it
# is missing and this machine can install packages. Never a browser download by a test tool.
# Without it that test is skipped, not passed.
set -euo pipefail
command -v chromium >/dev/null 2>&1 && exit 0
exec bash "$(dirname "$0")/apt-install.sh" "the report's browser test will be skipped" chromium
