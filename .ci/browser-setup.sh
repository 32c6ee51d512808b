#!/usr/bin/env bash
# Installs the headless browser that ReportBrowserTests drives (tests/NearDup.Tests/Report).
# Debian's `chromium` package puts the binary at /usr/bin/chromium, the path the test looks for.
# Call it from .ci/run before the test suites:  bash .ci/browser-setup.sh
# As root it runs apt-get; as another user it only checks, and fails if chromium is missing.
set -euo pipefail

if [ -x /usr/bin/chromium ]; then
  echo "browser-setup: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
  exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
  echo "browser-setup: /usr/bin/chromium is missing and this is not root; run: sudo apt-get install -y chromium" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y chromium

if [ ! -x /usr/bin/chromium ]; then
  echo "browser-setup: apt-get finished but /usr/bin/chromium is still missing" >&2
  exit 1
fi
echo "browser-setup: installed $(/usr/bin/chromium --version 2>/dev/null || echo chromium)"
