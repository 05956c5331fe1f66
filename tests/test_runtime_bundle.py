"""The runtime's generated files are exactly what their sources build to: the static book's one-file runtime,
generator/static/quiz-book.js, and the kernel's "Annotate it yourself" widget module, annotate-widget.js.

They are generated (bundled and minified by esbuild, pinned in tests/browser) from quiz-book.entry.js,
quiz-style.js, quiz-static.js, quiz.js, quiz-annotate.js, quiz-lms.js, quiz-results.js and quiz.css (the book's),
annotate-widget.entry.js, quiz-annotate.js and quiz.js (the widget's), and committed, so that building the book or
showing the widget needs no Node. Edit the sources, then run `bash scripts/bundle-runtime.sh`.
"""

from __future__ import annotations

import re
import subprocess

import pytest

from generator.quiz import Annotate
from generator.render.quiz import runtime_script

from .conftest import REPO

STATIC = REPO / "generator" / "static"
BUNDLE = STATIC / "quiz-book.js"
WIDGET = STATIC / "annotate-widget.js"


@pytest.mark.parametrize("name", ["quiz-book.js", "annotate-widget.js"])
def test_bundle_is_built_from_the_current_sources(name: str) -> None:
    res = subprocess.run(["bash", "scripts/bundle-runtime.sh", "--stdout", name], cwd=REPO, capture_output=True,
                         text=True, check=False)
    assert res.returncode == 0, res.stderr
    assert res.stdout == (STATIC / name).read_text("utf-8"), f"{name} is out of date: bash scripts/bundle-runtime.sh"


def test_bundle_is_one_classic_script_that_can_be_inlined() -> None:
    code = BUNDLE.read_text("utf-8")
    # V8's compile hint first (all of it runs on load), then an IIFE: no import, no export
    assert code.startswith("//# allFunctionsCalledOnLoad\n// medialit: built by scripts/bundle-runtime.sh\n")
    assert "\n(()=>{" in code
    assert "</script" not in code.lower() and "<!--" not in code
    assert runtime_script() == f"<script>{code}</script>"
    # everything the page needs is in it: the styles too, and no URL of another file
    assert ".mlq-question{" in code and "import(" not in code and "quiz.css" not in code


def test_the_widget_module_is_one_es_module_with_anywidgets_contract() -> None:
    code = WIDGET.read_text("utf-8")
    assert code.startswith("// medialit: built by scripts/bundle-runtime.sh\n")
    assert Annotate._esm == code  # the kernel's widget runs exactly this file
    # no import of another file (it is all in it), one export list: the default (render) and the graders' twins
    assert not re.search(r"\bimport\s*[\w{*(\"']", code) and "import(" not in code
    exports = re.findall(r"export\s*\{([^}]*)\}", code)
    assert len(exports) == 1
    assert sorted(e.split(" as ")[-1].strip() for e in exports[0].split(",")) == ["default", "grade", "textElement"]
    assert "render" in code and "data-lm-suppress-shortcuts" in code
