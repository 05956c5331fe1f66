#!/usr/bin/env bash
# Rebuild the runtime's two generated files in generator/static from their sources: quiz-book.js (the static
# book's quiz runtime, one minified classic script: quiz-book.entry.js, quiz-style.js, quiz-static.js, quiz.js,
# quiz-annotate.js, quiz-lms.js, quiz-results.js and quiz.css) and annotate-widget.js (the kernel's "Annotate it
# yourself" widget, one minified ES module: annotate-widget.entry.js, quiz-annotate.js and quiz.js). Needs the
# esbuild pinned in tests/browser (npm ci --prefix tests/browser). With --stdout [NAME], prints one of them
# (quiz-book.js without NAME) instead of writing them.
set -euo pipefail
cd "$(dirname "$0")/.."
[[ -d tests/browser/node_modules/esbuild ]] || { echo "esbuild is missing: run npm ci --prefix tests/browser" >&2; exit 1; }
exec node tests/browser/bundle.mjs "$@"
