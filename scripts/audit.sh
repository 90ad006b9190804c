#!/usr/bin/env bash
# Check the pinned requirements against known vulnerabilities with pip-audit (not part of the tests).
# pip-audit lives in a throwaway venv under /tmp so it never touches .venv or the pins.
# It needs the PyPI JSON API (https://pypi.org/pypi/<name>/<version>/json), which reports OSV
# vulnerabilities per release; offline or behind a proxy it fails with a connection error.
set -euo pipefail
cd "$(dirname "$0")/.."
AUDIT_VENV="${AUDIT_VENV:-/tmp/pip-audit-venv}"
PYTHON="${PYTHON:-python3}"
if [ ! -x "$AUDIT_VENV/bin/pip-audit" ]; then
  "$PYTHON" -m venv "$AUDIT_VENV"
  "$AUDIT_VENV/bin/python" -m pip install --quiet --disable-pip-version-check pip-audit==2.10.1
fi
# --no-deps: every file is fully pinned (constraints.txt lists every installed package), so
# pip-audit audits exactly these versions without resolving. --disable-pip: no pip is run at all.
# constraints.txt is audited too: it holds the transitive dependencies the app really runs with.
exec "$AUDIT_VENV/bin/pip-audit" --strict --progress-spinner off --disable-pip --no-deps \
  --requirement requirements.txt --requirement requirements-dev.txt --requirement constraints.txt "$@"
