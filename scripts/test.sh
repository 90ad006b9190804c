#!/usr/bin/env bash
# Set everything up and run the whole test suite: lint, import contracts, data validation, unit,
# AppTest and browser (Playwright on Debian chromium) tests.
set -euo pipefail
cd "$(dirname "$0")/.."
./scripts/setup.sh
./scripts/ensure-chromium.sh
.venv/bin/ruff check .
.venv/bin/ruff format --check .
.venv/bin/lint-imports
.venv/bin/python -m components.validate data
.venv/bin/python -m pytest "$@"
