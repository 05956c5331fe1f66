#!/usr/bin/env bash
# Fresh machine to test results: set up (package, test tools, Chromium, axe-core), lint, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh --test
.venv/bin/ruff check generator tests benchmarks
.venv/bin/python -m pytest "$@"
