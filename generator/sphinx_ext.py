"""Sphinx extension: puts the quiz runtime into the pages that have a quiz, ships the chapter styles, and renders
math as MathML.

Enabled in _config.yml (sphinx: extra_extensions: [generator.sphinx_ext]). Every file a page needs is served
from the book's own host: the package's static folder is added to the build, and math becomes MathML at build
time (browsers draw it natively), so no MathJax is fetched from a CDN.
"""

from __future__ import annotations

import hashlib
import re
from importlib import resources
from pathlib import Path
from typing import Any

from docutils import nodes

from . import __version__, icons, pagemeta
from .markup import render_math
from .render.annotate import ANNOTATE_MARK
from .render.quiz import QUIZ_MARK, runtime_script
from .write import GENERATED_MARK


def _visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(f'<span class="math">{render_math(node.astext(), display=False)}</span>')
    raise nodes.SkipNode


def _visit_displaymath(self: Any, node: nodes.math_block) -> None:
    self.body.append(f'<div class="math">{render_math(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


def _static() -> str:
    return str(resources.files("generator").joinpath("static"))


def _add_static(app: Any) -> None:
    app.config.html_static_path.append(_static())


def _config(app: Any, config: Any) -> None:
    """The book's icon, unless the book sets its own (html_favicon): browsers ask for one on every page."""
    if not config.html_favicon:
        config.html_favicon = str(Path(_static()) / "favicon.svg")


_THEBE = (
    re.compile(r'[ \t]*<script>const THEBE_JS_URL = [^<]*</script>\n?'),
    re.compile(r'[ \t]*<script async="async" src="[^"]*sphinx-thebe\.js[^"]*"></script>\n?'),
    re.compile(r'[ \t]*<script type="text/x-thebe-config">.*?</script>\n?', re.S),
    re.compile(r'[ \t]*<link rel="stylesheet" type="text/css" href="[^"]*sphinx-thebe\.css[^"]*" />\n?'),
)
# the theme's Font Awesome script: its icons are drawn by the theme's style sheet and font instead (icons.py)
_FONTAWESOME = re.compile(r'[ \t]*(?:<!-- So that users can add custom icons -->\s*)?'
                          r'<script defer src="[^"]*scripts/fontawesome\.js[^"]*"></script>\n?')
# Sphinx's search scripts and index, which the theme loads on every page for a search-as-you-type that is off
_SEARCH_TOOLS = re.compile(r'[ \t]*<script src="[^"]*(?:searchtools|language_data)\.js"></script>\n?'
                           r'|[ \t]*<script src="(?:\.\./)*searchindex\.js"></script>\n?')
_SEARCH_OFF = "DOCUMENTATION_OPTIONS.search_as_you_type = false;"
_HEAD_SCRIPT = re.compile(r'[ \t]*<script(?![^>]*data-cfasync)(?![^>]*type="application/(?:ld\+)?json")[^>]*>'
                          r'.*?</script>\n?', re.S)
_TOGGLE = '<summary><span class="toctree-toggle" role="presentation">'
# the search field's button: its name is what it shows ("Search Ctrl+K"), not only "Search"; its icons are drawn
_SEARCH_BUTTON = ('<button class="btn search-button-field search-button__button pst-js-only" title="Search" '
                  'aria-label="Search" ')
_THEME_ICON = re.compile(r'<i class="theme-switch ([^"]*)"')


def _scripts_to_body_end(html: str) -> str:
    """Move the head's scripts, in their order, to the end of the body, so that the page is drawn before they are
    fetched (they all wait for the document anyway: Sphinx's, the theme's and the extensions' scripts act on
    DOMContentLoaded or later). The theme's colour-mode script stays first in the head: it must run before the
    first paint."""
    head_end = html.find("</head>")
    body_end = html.rfind("</body>")
    if head_end < 0 or body_end < head_end:
        return html
    head = html[:head_end]
    moved = [m.group(0).strip() for m in _HEAD_SCRIPT.finditer(head)]
    if not moved:
        return html
    head = _HEAD_SCRIPT.sub("", head)
    rest = html[head_end:]
    at = rest.rfind("</body>")
    return head + rest[:at] + "\n".join(moved) + "\n" + rest[at:]


def tidy_page(html: str) -> str:
    """Drop the live-code (Thebe) scripts and style sheet, which point at a third-party host and are never used here,
    the theme's Font Awesome script and, when search as you type is off, the search scripts of pages other than the
    search page; move the remaining head scripts to the end of the body; give the theme's unnamed navigation
    toggles an accessible name, its search button the name it shows, and hide its colour-mode icons (the button is
    named "Color mode") from screen readers."""
    for pattern in (*_THEBE, _FONTAWESOME):
        html = pattern.sub("", html)
    if _SEARCH_OFF in html and 'id="search-results"' not in html:
        html = _SEARCH_TOOLS.sub("", html)
    html = _scripts_to_body_end(html)
    html = html.replace(_SEARCH_BUTTON, _SEARCH_BUTTON.replace('aria-label="Search" ',
                                                               'aria-keyshortcuts="Control+K" '))
    html = _THEME_ICON.sub(r'<i aria-hidden="true" class="theme-switch \1"', html)
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
    icons.lighten(Path(app.outdir), app.builder.theme.get_theme_dirs())
    _write_home(app)


def _write_home(app: Any) -> None:
    """index.html as a complete document (see pagemeta), where Jupyter Book writes its bare redirect or none."""
    root = app.config.root_doc
    index = Path(app.outdir) / "index.html"
    if root == "index" or (index.is_file() and not index.read_text("utf-8").startswith((pagemeta.STUB, "<!DOCTYPE "
                                                                                         "html>\n" + pagemeta.MARK))):
        return  # the root document is index.html itself, or someone else wrote this page: leave it
    first = f"{root}.html"
    favicon = app.config.html_favicon
    icon = None if not favicon else favicon if "://" in favicon else f"_static/{Path(favicon).name}"
    base = (app.config.html_baseurl or "").rstrip("/")
    text = getattr(app, "_mlq_home_description", "") or app.config.html_title or app.config.project
    page = pagemeta.home_document(app.config.html_title or app.config.project, first, text, icon,
                                  canonical=f"{base}/{first}" if base else None, lang=app.config.language or "en")
    if not index.is_file() or index.read_text("utf-8") != page:
        index.write_text(page, "utf-8")




def chapter_language(srcdir: Path, pagename: str) -> str | None:
    """The language of a page of a generated chapter (``book/<slug>/...``), as the chapter's generated mark says
    (``language quiz-<bank>: en`` for a bank in its own language, else ``language: fr``; English when the mark says
    none), or None for a page of no chapter."""
    parts = pagename.split("/")
    if len(parts) < 3 or parts[0] != "book":
        return None
    try:
        mark = (srcdir / "book" / parts[1] / GENERATED_MARK).read_text("utf-8")
    except OSError:
        return None
    page = re.search(rf"^language {re.escape('/'.join(parts[2:]))}: (\S+)$", mark, re.M)  # a bank's own
    found = page or re.search(r"^language: (\S+)$", mark, re.M)
    return found.group(1) if found else "en"


def _page_context(app: Any, pagename: str, templatename: str, context: dict[str, Any], doctree: Any) -> None:
    """Note every page this build writes; a page with a quiz gets the quiz runtime, once, after its content; the
    content of a chapter in another language than the book's is marked as such (``lang``)."""
    if not hasattr(app, "_mlq_written"):
        app._mlq_written = set()
    app._mlq_written.add(pagename)
    metatags = context.get("metatags", "")
    if 'name="description"' not in metatags:
        text = pagemeta.description(context.get("body", ""), f"{context.get('title', '')}: {app.config.project}")
        context["metatags"] = metatags + pagemeta.meta_tag(text)
        if pagename == app.config.root_doc:
            app._mlq_home_description = text
    body = context.get("body", "")
    lang = chapter_language(Path(app.srcdir), pagename)
    if lang is not None and lang != (app.config.language or "en"):
        body = context["body"] = f'<div class="mlq-lang" lang="{lang}">{body}</div>'
    if QUIZ_MARK in body or ANNOTATE_MARK in body:  # a notebook output carries the runtime on its own: once a page
        context["body"] = body.replace(runtime_script(), "") + runtime_script()


def setup(app: Any) -> dict[str, Any]:
    app.connect("config-inited", _config)
    app.connect("builder-inited", _add_static)
    app.connect("html-page-context", _page_context)
    app.connect("build-finished", _tidy)
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_displaymath, None))
    app.config.html_math_renderer = "mathml"
    app.add_css_file("chapter.css")
    # a new quiz runtime (inline in the pages) or page tidying changes every page: a new env_version makes Sphinx
    # read and write them all again, instead of keeping the pages of unchanged sources
    code = runtime_script() + "".join(Path(__file__).with_name(f"{m}.py").read_text("utf-8")
                                      for m in ("sphinx_ext", "icons", "pagemeta"))
    stamp = hashlib.sha256(code.encode("utf-8")).hexdigest()
    return {"version": __version__, "env_version": int(stamp[:12], 16), "parallel_read_safe": True,
            "parallel_write_safe": True}
