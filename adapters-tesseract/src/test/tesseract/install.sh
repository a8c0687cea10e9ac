#!/usr/bin/env bash
# Installs Debian's Tesseract with its German model (tesseract-ocr, tesseract-ocr-deu) and a font for
# the generated test pages (fonts-dejavu-core), for the Tesseract adapter's tests, if they are
# missing and this machine can install packages. Without them those tests are skipped, not passed.
set -euo pipefail
if command -v tesseract >/dev/null 2>&1 && tesseract --list-langs 2>/dev/null | grep -qx deu \
        && [ -d /usr/share/fonts/truetype/dejavu ]; then
    exit 0
fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq tesseract-ocr tesseract-ocr-deu fonts-dejavu-core >/dev/null
    echo "installed $(tesseract --version 2>/dev/null | sed -n 1p || echo tesseract)"
else
    echo "tesseract missing and not installable here: the Tesseract adapter's tests will be skipped" >&2
fi
