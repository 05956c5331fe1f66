"""Quiz notebooks run in a real Jupyter kernel; answers set from Python give the score back in Python."""

from __future__ import annotations

import json
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import v4

from .conftest import run_cli

pytestmark = pytest.mark.kernel


def run(nb_path: Path, extra: list[str]) -> nbformat.NotebookNode:
    nb = nbformat.read(nb_path, as_version=4)
    for i, src in enumerate(extra):
        nb.cells.append(v4.new_code_cell(src, id=f"test-{i}"))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(nb_path.parent)}}).execute()
    return nb


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


def test_quiz_notebook_scores_answers_set_from_python(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    nb = run(fixture_book / "book" / "town-library" / "quiz-town-library-quiz.ipynb", [
        "import json\nprint(json.dumps(quiz.score))",
        'quiz.answers = {"vote": "0", "tf": False, "saving": 40000, "street": "elm street", '
        '"opinions": ["0"]}\nprint(json.dumps(quiz.score))',
        "import anywidget, ipywidgets\n"
        "print(isinstance(quiz, anywidget.AnyWidget), isinstance(quiz, ipywidgets.DOMWidget))",
    ])
    quiz_cell = next(c for c in nb.cells if c.id.endswith("-quiz"))
    bundle = next(o for o in quiz_cell.outputs if o.output_type in ("display_data", "execute_result"))
    assert "application/vnd.jupyter.widget-view+json" in bundle["data"]  # the live widget
    assert 'class="mlq-root"' in bundle["data"]["text/html"]  # and the static view beside it
    assert json.loads(stdout(nb.cells[-3])) == {"points": 0, "max": 9, "answered": 0, "total": 9}
    assert json.loads(stdout(nb.cells[-2])) == {"points": 3.5, "max": 9, "answered": 5, "total": 9}
    assert stdout(nb.cells[-1]).strip() == "True True"


def test_exercise_notebook_runs_in_a_kernel(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    nb = run(fixture_book / "book" / "town-library" / "contradictions.ipynb", [
        "import json\nfirst = quiz.spec['questions'][0]['id']\nprint(first, json.dumps(quiz.score))",
    ])
    assert stdout(nb.cells[-1]).startswith("sundays-vs-seven-days {")
