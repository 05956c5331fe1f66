"""Sphinx extension: ships the quiz runtime and the chapter styles with the book, and renders math as MathML.

Enabled in _config.yml (sphinx: extra_extensions: [generator.sphinx_ext]). Every file a page needs is served
from the book's own host: the package's static folder is added to the build, and math becomes MathML at build
time (browsers draw it natively), so no MathJax is fetched from a CDN.
"""

from __future__ import annotations

from importlib import resources
from typing import Any

from docutils import nodes

from . import __version__
from .render.markdown import render_math


def _visit_math(self: Any, node: nodes.math) -> None:
    self.body.append(f'<span class="math">{render_math(node.astext(), display=False)}</span>')
    raise nodes.SkipNode


def _visit_displaymath(self: Any, node: nodes.math_block) -> None:
    self.body.append(f'<div class="math">{render_math(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


def _add_static(app: Any) -> None:
    app.config.html_static_path.append(str(resources.files("generator").joinpath("static")))


def setup(app: Any) -> dict[str, Any]:
    app.connect("builder-inited", _add_static)
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_displaymath, None))
    app.config.html_math_renderer = "mathml"
    app.add_css_file("quiz.css")
    app.add_css_file("chapter.css")
    app.add_js_file("quiz-static.js", type="module")
    return {"version": __version__, "parallel_read_safe": True, "parallel_write_safe": True}
