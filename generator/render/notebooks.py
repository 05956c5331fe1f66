"""Exercise and quiz pages as notebooks, built only through nbformat.v4.new_*.

Each page holds one quiz cell, and the notebook travels on its own: the cell's code carries the quiz (its spec,
packed), so a kernel with the package installed shows the live widget anywhere, and its stored output is a working
quiz without a kernel (the spec and the runtime, inline), as the static book, nbconvert and notebook viewers show
it. The book carries the runtime once per page (generator/sphinx_ext.py).
"""

from __future__ import annotations

import base64
import json
import zlib
from typing import Any

import nbformat
from nbformat import v4

from ..seal import compact_json
from .quiz import spec_json, static_html

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def pack_spec(spec: dict[str, Any]) -> str:
    """The spec as the quiz cell's code carries it: compact JSON, compressed, in standard base64 (no quote or
    backslash to escape in a Python string; about a third of the JSON's size)."""
    return base64.b64encode(zlib.compress(compact_json(spec).encode("utf-8"), 9)).decode("ascii")


def unpack_spec(packed: str) -> dict[str, Any]:
    return json.loads(zlib.decompress(base64.b64decode("".join(packed.split()), validate=True)).decode("utf-8"))


def quiz_code(spec: dict[str, Any]) -> str:
    """The quiz cell's code: the quiz itself, packed (no file of the book's folder is needed); lines stay short."""
    text = pack_spec(spec)
    body = "".join(f'    "{text[i:i + 100]}"\n' for i in range(0, len(text), 100))
    return f"from generator.quiz import Quiz\n\nquiz = Quiz.from_packed(\n{body})\nquiz"


def results_html(listing: dict[str, Any]) -> str:
    """The chapter's name and quizzes, for the "Your results" panel (quiz-results.js)."""
    return f'<div class="mlq-results-root"><script type="application/json" class="mlq-chapter">{spec_json(listing)}' \
           '</script></div>'


def travelling_html(spec: dict[str, Any], listing: dict[str, Any] | None = None) -> str:
    """The quiz cell's HTML output: the spec, the results panel, and the runtime (a working quiz on its own)."""
    from ..sphinx_ext import runtime_script

    return static_html(spec) + (results_html(listing) if listing else "") + runtime_script()


def quiz_notebook(page_id: str, title: str, intro_md: str, code: str, spec: dict[str, Any],
                  listing: dict[str, Any] | None = None, attribution_html: str = "", outro_md: str = "") -> str:
    """A notebook: title and instructions, then the quiz cell with its static output."""
    cells = [v4.new_markdown_cell(f"# {title}\n\n{intro_md}".rstrip() + "\n", id=f"{page_id}-intro")]
    if attribution_html:
        cells.append(v4.new_markdown_cell(attribution_html, id=f"{page_id}-source"))
    output = v4.new_output(
        "display_data",
        data={"text/html": travelling_html(spec, listing),
              "text/plain": f"Quiz: {spec['title']} ({len(spec['questions'])} questions)"},
    )
    cells.append(v4.new_code_cell(code, id=f"{page_id}-quiz", outputs=[output],
                                  metadata={"tags": ["remove-input"]}))
    if outro_md:
        cells.append(v4.new_markdown_cell(outro_md, id=f"{page_id}-outro"))
    nb = v4.new_notebook(cells=cells, metadata={
        "kernelspec": KERNEL, "language_info": {"name": "python"},
    })
    nbformat.validate(nb)
    return nbformat.writes(nb) + "\n"


