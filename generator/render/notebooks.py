"""Exercise and quiz pages as notebooks, built only through nbformat.v4.new_*.

Each page holds one quiz cell. Its stored output is the self-contained HTML the
static book shows; run in a kernel, the same cell shows the live widget instead.
"""

from __future__ import annotations

from typing import Any

import nbformat
from nbformat import v4

from .quiz import static_html

KERNEL = {"display_name": "Python 3", "language": "python", "name": "python3"}


def quiz_notebook(page_id: str, title: str, intro_md: str, code: str, spec: dict[str, Any],
                  attribution_html: str = "", outro_md: str = "") -> str:
    """A notebook: title and instructions, then the quiz cell with its static output."""
    cells = [v4.new_markdown_cell(f"# {title}\n\n{intro_md}".rstrip() + "\n", id=f"{page_id}-intro")]
    if attribution_html:
        cells.append(v4.new_markdown_cell(attribution_html, id=f"{page_id}-source"))
    output = v4.new_output(
        "display_data",
        data={"text/html": static_html(spec), "text/plain": f"Quiz: {spec['title']} ({len(spec['questions'])} "
                                                              "questions)"},
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


