#!/usr/bin/env bash
# Installs Debian's img2pdf, the out-of-process peer that `aktenlift bench` times side by side with
# capture (docs/performance.md, issue 17), if it is missing and this machine can install packages.
# Without it the bench leaves that figure out and says so, and BenchCommandTest's img2pdf test is
# skipped, not passed.
set -euo pipefail
command -v img2pdf >/dev/null 2>&1 && exit 0
exec bash "$(dirname "$0")/apt-install.sh" "the bench leaves its figure out" img2pdf
