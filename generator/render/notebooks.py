"""Exercise and quiz pages as notebooks: nbformat's nodes (valid against nbformat's schema: tests/test_notebooks.py).

Each page holds one widget cell (a quiz, or the "Annotate it yourself" exercise), and the notebook travels on its
own: the cell's code carries the quiz or the exercise (its spec, packed), so a kernel with the package installed
shows the live widget anywhere, and its stored output is a working quiz or exercise without a kernel (the spec and
the runtime, inline), as the static book, nbconvert and notebook viewers show it. The book carries the runtime once
per page (generator/sphinx_ext.py).
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import nbformat
from nbformat import NotebookNode, v4
from nbformat.v4.rwbase import split_lines

from ..i18n import translator
from ..seal import compact_json
from . import annotate
from .quiz import runtime_script, spec_json, static_html

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def pack_spec(spec: dict[str, Any], text: str | None = None) -> str:
    """The spec as the quiz cell's code carries it: compact JSON in standard base64 (no quote or backslash to escape
    in a Python string). Not compressed: sealed keys, most of a spec, do not compress (zlib saved only 43 %, and was
    a third of the time a notebook takes to make)."""
    text = compact_json(spec) if text is None else text
    return base64.b64encode(text.encode("utf-8")).decode("ascii")


def unpack_spec(packed: str) -> dict[str, Any]:
    """The spec of a quiz cell's code: as ``pack_spec`` writes it, or zlib-compressed as earlier versions did."""
    raw = base64.b64decode("".join(packed.split()), validate=True)
    return json.loads((zlib.decompress(raw) if raw[:1] == b"x" else raw).decode("utf-8"))


def quiz_code(spec: dict[str, Any], json_text: str | None = None, widget: str = "Quiz", name: str = "quiz") -> str:
    """The quiz cell's code: the quiz itself, packed (no file of the book's folder is needed); lines stay short.
    ``widget``, ``name``: the class of generator.quiz that unpacks it, the variable that holds it."""
    text = pack_spec(spec, json_text)
    body = "".join(f'    "{text[i:i + 100]}"\n' for i in range(0, len(text), 100))
    return f"from generator.quiz import {widget}\n\n{name} = {widget}.from_packed(\n{body})\n{name}"


def results_html(listing: dict[str, Any]) -> str:
    """The chapter's name and quizzes, for the "Your results" panel (quiz-results.js)."""
    return f'<div class="mlq-results-root"><script type="application/json" class="mlq-chapter">{spec_json(listing)}' \
           '</script></div>'


def travelling_html(spec: dict[str, Any], listing: dict[str, Any] | None = None, text: str | None = None) -> str:
    """The quiz cell's HTML output: the spec, the results panel, and the runtime (a working quiz on its own)."""
    return static_html(spec, text) + (results_html(listing) if listing else "") + runtime_script()


def annotate_travelling_html(spec: dict[str, Any], listing: dict[str, Any] | None = None, key_html: str = "") -> str:
    """The "Annotate it yourself" cell's HTML output (``spec``: a ``render.annotate.widget_spec``): the exercise as
    the static page shows it, the instructor edition's key (if any), the results panel and the runtime."""
    return annotate.static_html(spec) + key_html + (results_html(listing) if listing else "") + runtime_script()


# The nodes as nbformat.v4.new_markdown_cell, new_code_cell, new_output("display_data") and new_notebook make them
# (tests/test_notebooks.py checks they are equal, and that every notebook a chapter writes is valid). Those functions
# validate every node with jsonschema as they make it: about 5 ms a notebook, the largest cost of a chapter. These
# make the same nodes from fixed code, without validating at every run what the tests validate once.
def markdown_cell(source: str, id: str) -> NotebookNode:  # noqa: A002 - nbformat's own name
    return nbformat.from_dict({"id": id, "cell_type": "markdown", "source": source, "metadata": {}})


def code_cell(source: str, id: str, outputs: list[NotebookNode], metadata: dict[str, Any]) -> NotebookNode:  # noqa: A002
    return nbformat.from_dict({"id": id, "cell_type": "code", "metadata": metadata, "execution_count": None,
                               "source": source, "outputs": outputs})


def display_output(data: dict[str, Any]) -> NotebookNode:
    return nbformat.from_dict({"output_type": "display_data", "metadata": {}, "data": data})


def notebook(cells: list[NotebookNode], metadata: dict[str, Any]) -> NotebookNode:
    return nbformat.from_dict({"nbformat": v4.nbformat, "nbformat_minor": v4.nbformat_minor, "metadata": metadata,
                               "cells": cells})


def _plain(spec: dict[str, Any]) -> str:
    """The quiz cell's output as text: its title and its number of questions, in the quiz's language."""
    n = len(spec["questions"])
    if "lang" not in spec:  # English: as it always was (text/plain is only what a viewer without HTML shows)
        return f"Quiz: {spec['title']} ({n} questions)"
    tr = translator(spec["lang"])
    return tr.ngettext("Quiz: {title} ({n} question)", "Quiz: {title} ({n} questions)", n).format(
        title=spec["title"], n=n)


def widget_notebook(page_id: str, title: str, intro_md: str, code: str, cell: str, output: dict[str, str],
                    attribution_html: str = "", outro_md: str = "") -> str:
    """A notebook: title and instructions, then the widget's cell (id ``<page_id>-<cell>``) with its static output."""
    cells = [markdown_cell(f"# {title}\n\n{intro_md}".rstrip() + "\n", id=f"{page_id}-intro")]
    if attribution_html:
        cells.append(markdown_cell(attribution_html, id=f"{page_id}-source"))
    cells.append(code_cell(code, id=f"{page_id}-{cell}", outputs=[display_output(output)],
                           metadata={"tags": ["remove-input"]}))
    if outro_md:
        cells.append(markdown_cell(outro_md, id=f"{page_id}-outro"))
    nb = notebook(cells, {"kernelspec": KERNEL, "language_info": {"name": "python"}})
    # as nbformat.writes writes it, but compact and not validated a second time: indented JSON goes through Python's
    # encoder (about 2 ms a notebook, a sixth of a chapter's time), compact JSON through C's; Jupyter reads both
    return json.dumps(split_lines(nb), ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def quiz_notebook(page_id: str, title: str, intro_md: str, code: str | None, spec: dict[str, Any],
                  listing: dict[str, Any] | None = None, attribution_html: str = "", outro_md: str = "") -> str:
    """A notebook: title and instructions, then the quiz cell with its static output. ``code`` None: the cell
    carries the quiz itself (``quiz_code``)."""
    text = compact_json(spec)  # once, for the cell's code and its output
    code = quiz_code(spec, text) if code is None else code
    output = {"text/html": travelling_html(spec, listing, text), "text/plain": _plain(spec)}
    return widget_notebook(page_id, title, intro_md, code, "quiz", output, attribution_html, outro_md)


def annotate_notebook(page_id: str, title: str, intro_md: str, spec: dict[str, Any], listing: dict[str, Any] | None,
                      attribution_html: str, key_html: str = "") -> str:
    """The "Annotate it yourself" page as a notebook (``spec``: a ``render.annotate.widget_spec``): its cell makes
    the live exercise (``generator.quiz.Annotate``) in a kernel; its output is the working exercise without one.
    The article's attribution comes above and below the text."""
    tr = translator(str(spec.get("lang") or "en"))
    n = len(spec["kinds"])
    plain = tr.ngettext("{title}: {n} kind of passage to mark", "{title}: {n} kinds of passage to mark", n)
    output = {"text/html": annotate_travelling_html(spec, listing, key_html),
              "text/plain": plain.format(title=title, n=n)}
    code = quiz_code(spec, widget="Annotate", name="exercise")
    return widget_notebook(page_id, title, intro_md, code, "exercise", output, attribution_html, attribution_html)
