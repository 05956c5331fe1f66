"""A quiz as the page's HTML: the spec as JSON in a ``<script type="application/json">``, which the book's quiz
runtime (``generator/static/quiz-book.js``, put in by the Sphinx extension) mounts."""

from __future__ import annotations

from typing import Any

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
    return (f'<div class="mlq-root" data-quiz-id="{esc(spec["id"])}">'
            f'<script type="application/json" class="mlq-spec">{spec_json(spec, text)}</script>'
            f'<noscript><p>This quiz needs JavaScript. Its questions are also in the notebook version of this page.'
            f'</p></noscript></div>')
