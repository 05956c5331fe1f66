"""Sphinx extension: puts the quiz runtime into the pages that have a quiz, ships the chapter styles, and renders
math as MathML.

Enabled in _config.yml (sphinx: extra_extensions: [generator.sphinx_ext]). Every file a page needs is served
from the book's own host: the package's static folder is added to the build, and math becomes MathML at build
time (browsers draw it natively), so no MathJax is fetched from a CDN.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes

from . import __version__
from .markup import render_math
from .render.quiz import QUIZ_MARK


def _visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(f'<span class="math">{render_math(node.astext(), display=False)}</span>')
    raise nodes.SkipNode


def _visit_displaymath(self: Any, node: nodes.math_block) -> None:
    self.body.append(f'<div class="math">{render_math(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


def _add_static(app: Any) -> None:
    app.config.html_static_path.append(str(resources.files("generator").joinpath("static")))


_THEBE = (
    re.compile(r'[ \t]*<script>const THEBE_JS_URL = [^<]*</script>\n?'),
    re.compile(r'[ \t]*<script async="async" src="[^"]*sphinx-thebe\.js[^"]*"></script>\n?'),
    re.compile(r'[ \t]*<script type="text/x-thebe-config">.*?</script>\n?', re.S),
)
_TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'


def tidy_page(html: str) -> str:
    """Drop the live-code (Thebe) scripts, which point at a third-party host and are never used here,
    and give the theme's unnamed navigation toggles an accessible name."""
    for pattern in _THEBE:
        html = pattern.sub("", html)
    return html.replace(_TOGGLE, '<summary aria-label="Show or hide the pages in this section">'
                                 '<span class="toctree-toggle" role="presentation">')


def _tidy(app: Any, exception: Exception | None) -> None:
    if exception is not None or app.builder.format != "html":
        return
    schemas = Path(app.outdir) / "schemas"
    schemas.mkdir(exist_ok=True)
    for schema in sorted(resources.files("generator").joinpath("schemas").iterdir(), key=lambda p: p.name):
        if schema.name.endswith(".schema.json"):
            (schemas / schema.name).write_bytes(schema.read_bytes())
    # a chapter's timeline figure is an <img> of raw HTML, which Sphinx does not copy: put it beside its page
    for svg in sorted(Path(app.srcdir).glob("book/*/timeline.svg")):
        dest = Path(app.outdir) / svg.relative_to(app.srcdir)
        if dest.parent.is_dir() and (not dest.is_file() or dest.read_bytes() != svg.read_bytes()):
            dest.write_bytes(svg.read_bytes())
    # only the pages this build wrote: the others were tidied when they were written (a rebuild after one edit
    # writes a handful of pages of a book of hundreds)
    for pagename in sorted(getattr(app, "_mlq_written", ())):
        page = Path(app.builder.get_outfilename(pagename))
        if not page.is_file():
            continue
        text = page.read_text("utf-8")
        new = tidy_page(text)
        if new != text:
            page.write_text(new, "utf-8")




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


def _page_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Note every page this build writes; a page with a quiz gets the quiz runtime, once, after its content."""
    if not hasattr(app, "_mlq_written"):
        app._mlq_written = set()
    app._mlq_written.add(pagename)
    body = context.get("body", "")
    if QUIZ_MARK in body:  # each notebook output carries the runtime (to travel on its own): the page, once
        context["body"] = body.replace(runtime_script(), "") + runtime_script()


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _tidy)
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_displaymath, None))
    app.config.html_math_renderer = "mathml"
    app.add_css_file("chapter.css")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
