#!/usr/bin/env bash
# Installs Debian's img2pdf, the out-of-process peer that `aktenlift bench` times side by side with
# capture (docs/performance.md, issue 17), if it is missing and this machine can install packages.
# Without it the bench leaves that figure out and says so, and BenchCommandTest's img2pdf test is
# skipped, not passed.
set -euo pipefail
if command -v img2pdf >/dev/null 2>&1; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq img2pdf >/dev/null
    echo "installed $(img2pdf --version 2>/dev/null || echo img2pdf)"
else
    echo "img2pdf missing and not installable here: the bench leaves its figure out" >&2
fi
