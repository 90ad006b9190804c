#!/usr/bin/env bash
# Create (or reuse) the local virtual environment .venv with the pinned dependencies.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if ! "$PYTHON" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
  echo "error: Python 3.11 or newer is required ($PYTHON is $("$PYTHON" --version 2>&1))." >&2
  exit 1
fi
stamp=.venv/.installed
inputs="requirements.txt requirements-dev.txt constraints.txt"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
if [ ! -f "$stamp" ] || [ -n "$(find $inputs -newer "$stamp" 2>/dev/null)" ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    -r requirements.txt -r requirements-dev.txt -c constraints.txt
  touch "$stamp"
fi
