#!/usr/bin/env bash
# Installs Debian's Tesseract with its German model (tesseract-ocr, tesseract-ocr-deu) and a font for
# the generated test pages (fonts-dejavu-core), for the Tesseract adapter's tests, if they are
# missing and this machine can install packages. Without them those tests are skipped, not passed.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx deu \
        && [ -d /usr/share/fonts/truetype/dejavu ]; then
    exit 0
fi
exec bash "$(dirname "$0")/../../../../build/apt-install.sh" "the Tesseract adapter's tests will be skipped" \
    tesseract-ocr tesseract-ocr-deu fonts-dejavu-core
