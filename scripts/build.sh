#!/usr/bin/env bash
# Fresh machine to built book: set up, then check, generate and build into _build/html.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/medialit build "$@"
