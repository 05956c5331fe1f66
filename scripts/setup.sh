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
  # From the npm registry, at the versions pinned in tests/browser: axe-core (accessibility checks), esbuild (a test
  # checks that the committed quiz-book.js is what its sources build to), gift-pegjs (reads the GIFT export back)
  # and lighthouse (the page benchmark). Installed again whenever the lock file changes.
  if ! cmp -s tests/browser/package-lock.json tests/browser/node_modules/.medialit-lock; then
    npm ci --prefix tests/browser --no-audit --no-fund --loglevel=error
    cp tests/browser/package-lock.json tests/browser/node_modules/.medialit-lock
  fi
  # The IMS QTI 1.2.1 DTD, which the QTI export is validated against: pyslet's source distribution ships it.
  if [[ ! -f tests/.cache/ims_qtiasiv1p2p1.dtd ]]; then
    tmp=$(mktemp -d)
    .venv/bin/python -m pip download --quiet --no-deps --no-binary :all: -d "$tmp" pyslet==0.7.20170805
    .venv/bin/python - "$tmp" <<'PY'
import pathlib, sys, tarfile
tmp = pathlib.Path(sys.argv[1])
with tarfile.open(next(tmp.glob("pyslet-*.tar.gz"))) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd"))
    data = tar.extractfile(member).read()
out = pathlib.Path("tests/.cache/ims_qtiasiv1p2p1.dtd")
out.parent.mkdir(parents=True, exist_ok=True)
out.write_bytes(data)
PY
    rm -rf "$tmp"
  fi
  .venv/bin/python -m ipykernel install --sys-prefix --name python3 >/dev/null
else
  .venv/bin/python -m pip install --quiet -e .
fi
