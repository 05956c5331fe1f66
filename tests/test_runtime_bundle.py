"""The static book's one-file runtime, generator/static/quiz-book.js, is exactly what its sources build to.

It is generated (bundled and minified by esbuild, pinned in tests/browser) from quiz-book.entry.js, quiz-style.js,
quiz-static.js, quiz.js and quiz.css, and committed, so that building the book needs no Node. Edit the sources,
then run `bash scripts/bundle-runtime.sh`.
"""

from __future__ import annotations

import subprocess

from generator.render.quiz import runtime_script

from .conftest import REPO

BUNDLE = REPO / "generator" / "static" / "quiz-book.js"


def test_bundle_is_built_from_the_current_sources() -> None:
    res = subprocess.run(["bash", "scripts/bundle-runtime.sh", "--stdout"], cwd=REPO, capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout == BUNDLE.read_text("utf-8"), "quiz-book.js is out of date: run bash scripts/bundle-runtime.sh"


def test_bundle_is_one_classic_script_that_can_be_inlined() -> None:
    code = BUNDLE.read_text("utf-8")
    # V8's compile hint first (all of it runs on load), then an IIFE: no import, no export
    assert code.startswith("//# allFunctionsCalledOnLoad\n// medialit: built by scripts/bundle-runtime.sh\n")
    assert "\n(()=>{" in code
    assert "</script" not in code.lower() and "<!--" not in code
    assert runtime_script() == f"<script>{code}</script>"
    # everything the page needs is in it: the styles too, and no URL of another file
    assert ".mlq-question{" in code and "import(" not in code and "quiz.css" not in code
