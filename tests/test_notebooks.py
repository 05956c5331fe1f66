"""The chapter's notebooks are nbformat's own nodes: the builders make what nbformat.v4.new_* make, and every
notebook a chapter writes is valid against nbformat's schema (checked by nbformat's reference validator)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbformat import v4

from generator.render import notebooks as nb

from .conftest import run_cli


def test_the_builders_make_what_nbformat_new_makes() -> None:
    out = {"text/html": "<p>x</p>", "text/plain": "x"}
    assert nb.markdown_cell("# T", id="p-intro") == v4.new_markdown_cell("# T", id="p-intro")
    assert nb.display_output(out) == v4.new_output("display_data", data=out)
    assert nb.code_cell("quiz", id="p-quiz", outputs=[nb.display_output(out)], metadata={"tags": ["remove-input"]}) \
        == v4.new_code_cell("quiz", id="p-quiz", outputs=[v4.new_output("display_data", data=out)],
                            metadata={"tags": ["remove-input"]})
    cells = [nb.markdown_cell("# T", id="p-intro")]
    assert nb.notebook(cells, {"kernelspec": nb.KERNEL}) == v4.new_notebook(cells=cells,
                                                                         metadata={"kernelspec": nb.KERNEL})
    spec = {"id": "q", "title": "Q", "questions": [], "salt": "q", "version": 3, "shuffle": False, "draw": None}
    text = nb.quiz_notebook("p", "T", "intro", None, spec)
    read = nbformat.reads(text, as_version=4)  # the compact file reads back as the notebook nbformat writes
    assert read == nbformat.reads(nbformat.writes(read), as_version=4) and read.cells[-1].outputs


def test_every_notebook_a_chapter_writes_is_valid(fixture_book: Path, seed_book: Path) -> None:
    """Generation does not validate its notebooks (made from fixed code, they are checked here): every notebook of
    the fixture's and of the seed's chapters, student and instructor editions."""
    import shutil

    from generator.generate import generate

    written = []
    for root in (fixture_book, seed_book):
        assert run_cli("generate", cwd=root).code == 0
        written += sorted(root.glob("book/*/*.ipynb"))
        teacher = root / "instructor-edition"  # as `build --instructor` makes it, before Sphinx runs
        teacher.mkdir()
        shutil.copy(root / "_toc.yml", teacher / "_toc.yml")
        generate(root, teacher, instructor=True)
        written += sorted(teacher.glob("book/*/*.ipynb"))
    assert len(written) >= 2 * (4 + 6)
    for path in written:
        nbformat.validate(nbformat.read(path, as_version=4))  # the reference (jsonschema) validation raises


def test_a_quiz_cell_packed_by_an_earlier_version_still_opens() -> None:
    """Cells are written as base64 of the compact JSON; a cell an earlier version wrote (zlib, then base64) opens too,
    to the same spec."""
    import base64
    import zlib

    from generator.seal import compact_json

    spec = {"id": "q", "title": "Q — é", "questions": [], "salt": "q", "version": 3, "shuffle": False, "draw": None}
    old = base64.b64encode(zlib.compress(compact_json(spec).encode("utf-8"), 6)).decode("ascii")
    assert nb.unpack_spec(nb.pack_spec(spec)) == spec == nb.unpack_spec(old)
    assert base64.b64decode(nb.pack_spec(spec)).decode("utf-8") == compact_json(spec)  # plain JSON inside
