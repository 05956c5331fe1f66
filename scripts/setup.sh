#!/usr/bin/env bash
# Set up a fresh machine: a virtual environment with the package (and, with --test, what the tests need).
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
[[ -x .venv/bin/python ]] || "$PY" -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
if [[ "${1:-}" == "--test" ]]; then
  .venv/bin/python -m pip install --quiet -e ".[test]"
  # A real browser for the end-to-end tests: Debian's Chromium (never a downloaded browser build).
  if ! command -v chromium >/dev/null 2>&1; then
    if [[ $(id -u) -eq 0 ]]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null;
    else sudo apt-get update -qq && sudo apt-get install -y -qq chromium >/dev/null; fi
  fi
  # From the npm registry, at the versions pinned in tests/browser: axe-core (accessibility checks), esbuild
  # (a test checks that the committed quiz-book.js is what its sources build to) and lighthouse (the page benchmark).
  if [[ ! -f tests/browser/node_modules/axe-core/axe.min.js || ! -d tests/browser/node_modules/esbuild
        || ! -d tests/browser/node_modules/lighthouse ]]; then
    npm ci --prefix tests/browser --no-audit --no-fund --silent
  fi
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
else
  .venv/bin/python -m pip install --quiet -e .
fi
