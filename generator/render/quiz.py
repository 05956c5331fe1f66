"""A quiz as the page's HTML: the spec as JSON in a ``<script type="application/json">``, which the book's quiz
runtime (``generator/static/quiz-book.js``, put in by the Sphinx extension) mounts."""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

from ..i18n import translator
from ..markup import esc
from ..seal import compact_json

QUIZ_MARK = '<div class="mlq-root"'  # how a quiz's static output starts


def spec_json(spec: dict[str, Any], text: str | None = None) -> str:
    """JSON safe to place inside <script type="application/json">: no ``<``, so no ``</script`` or ``<!--``.
    ``text``: the spec's compact JSON, when the caller has it already."""
    text = compact_json(spec) if text is None else text
    return text.replace("<", "\\u003c").replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")


def static_html(spec: dict[str, Any], text: str | None = None) -> str:
    """The self-contained HTML output of a quiz cell (``text``: the spec's compact JSON, if known)."""
    lang = spec.get("lang", "en")
    needs = translator(lang).gettext("This quiz needs JavaScript. Its questions are also in the notebook version of "
                                     "this page.")
    marked = f' lang="{esc(lang)}"' if "lang" in spec else ""  # an English spec's page stays as it was
    return (f'<div class="mlq-root" data-quiz-id="{esc(spec["id"])}"{marked}>'
            f'<script type="application/json" class="mlq-spec">{spec_json(spec, text)}</script>'
            f'<noscript><p>{esc(needs)}</p></noscript></div>')


@cache
def runtime_script() -> str:
    """The quiz runtime (generator/static/quiz-book.js: styles, loader and module in one minified classic script)
    as the inline script a quiz page carries after its content. Inline, the quizzes are mounted while the page is
    parsed, without a second request: one round trip less on a slow school network, and a page saved for offline
    use still works."""
    code = resources.files("generator").joinpath("static", "quiz-book.js").read_text("utf-8")
    if "</script" in code.lower() or "<!--" in code:  # the bundler escapes these; checked, not assumed
        raise RuntimeError("quiz-book.js contains '</script' or '<!--' and cannot be inlined")
    return f"<script>{code}</script>"
