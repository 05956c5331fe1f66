#!/usr/bin/env bash
# Rebuild generator/static/quiz-book.js (the static book's quiz runtime, one minified file) from its sources:
# quiz-book.entry.js, quiz-style.js, quiz-static.js, quiz.js and quiz.css. Needs the esbuild pinned in
# tests/browser (npm ci --prefix tests/browser). With --stdout, prints the bundle instead of writing it.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d tests/browser/node_modules/esbuild ]] || { echo "esbuild is missing: run npm ci --prefix tests/browser" >&2; exit 1; }
exec node tests/browser/bundle.mjs "$@"
