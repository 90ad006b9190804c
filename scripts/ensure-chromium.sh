#!/usr/bin/env bash
# Make Debian's chromium available for the browser tests; never skip silently.
set -euo pipefail
CHROMIUM=/usr/bin/chromium
if [ -x "$CHROMIUM" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "chromium not found: installing Debian's chromium with apt-get…" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq chromium >/dev/null
fi
if [ ! -x "$CHROMIUM" ]; then
  echo "error: the browser tests need Debian's chromium at $CHROMIUM." >&2
  echo "Install it as root with:  apt-get update && apt-get install -y chromium" >&2
  exit 1
fi
