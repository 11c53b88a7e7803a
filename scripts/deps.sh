#!/usr/bin/env bash
# Installs what the build and the tests need and is missing: Debian packages, then the
# Python test tools in a project-local virtualenv (.venv). Safe to run repeatedly.
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(
  zlib1g-dev          # PNG and PDF compression
  libqpdf-dev qpdf    # PDF merging and checks
  poppler-utils       # pdfinfo / pdftotext in tests
  libargon2-dev       # password hashing
  libqrencode-dev     # QR code of the authenticator-app enrolment
  zbar-tools          # tests read that QR code back (zbarimg)
  espeak-ng           # spoken captcha
  openssl             # test certificates
  postgresql          # the test run's database server
  clamav-daemon       # the test run's virus scanner (scripts/clamd.sh; its own signatures, no freshclam)
  chromium chromium-driver  # browser journeys
  python3-venv
)

missing=()
for package in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  echo "Installing Debian packages: ${missing[*]}"
  SUDO=""
  [ "$(id -u)" = 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Python test tools, pinned.
REQUIREMENTS=Tests/browser/requirements.txt
if [ ! -x .venv/bin/python ] || ! cmp -s "$REQUIREMENTS" .venv/requirements.installed; then
  echo "Preparing the Python test tools in .venv"
  python3 -m venv .venv
  .venv/bin/pip install -q --disable-pip-version-check -r "$REQUIREMENTS"
  cp "$REQUIREMENTS" .venv/requirements.installed
fi
