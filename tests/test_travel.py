"""A quiz notebook downloaded from the site works on its own, in a folder of its own outside the repository:
in a real kernel with the package installed from a wheel (not this source tree), and without a kernel, as
nbconvert's HTML in Chromium (the runtime and the spec are in the saved output; nothing comes from another host)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbconvert import HTMLExporter
from nbformat import v4
from playwright.sync_api import Browser, expect

from .browser_support import serve
from .conftest import REPO, run_cli
from .test_browser import answer, check

NOTEBOOK = "book/town-library/quiz-town-library-quiz.ipynb"


@pytest.fixture
def downloaded(fixture_book: Path, tmp_path: Path) -> Path:
    """The notebook alone, in a folder with nothing else (as a student downloads it)."""
    assert run_cli("generate", cwd=fixture_book).code == 0
    folder = tmp_path / "downloads"
    folder.mkdir()
    return Path(shutil.copy2(fixture_book / NOTEBOOK, folder / "quiz.ipynb"))


@pytest.mark.kernel
def test_downloaded_notebook_runs_in_a_kernel_with_the_package_from_a_wheel(
        downloaded: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    wheels, site, src = tmp_path / "wheels", tmp_path / "site", tmp_path / "src"
    # a copy of the sources to build from: a build in place would leave a build/ folder in the repository
    shutil.copytree(REPO / "generator", src / "generator", ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(REPO / name, src / name)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "-w", str(wheels), str(src)],
                   check=True, cwd=tmp_path)
    wheel = next(wheels.glob("medialit-*.whl"))
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "--quiet", "--target", str(site),
                    str(wheel)], check=True, cwd=tmp_path)
    # the kernel imports the package from the wheel's files: they come first on its path, before this source tree
    monkeypatch.setenv("PYTHONPATH", str(site))
    nb = nbformat.read(downloaded, as_version=4)
    nb.cells.append(v4.new_code_cell(
        "import generator, json, anywidget\n"
        "print(json.dumps({'file': generator.__file__, 'widget': isinstance(quiz, anywidget.AnyWidget),"
        " 'score': quiz.score}))\n"
        'quiz.answers = {"vote": "0", "tf": False, "saving": 40000}\n'
        "print(json.dumps(quiz.score))", id="test-0"))
    NotebookClient(nb, timeout=120, kernel_name="python3",
                   resources={"metadata": {"path": str(downloaded.parent)}}).execute()
    quiz_cell = next(c for c in nb.cells if c.id.endswith("-quiz"))
    bundle = next(o for o in quiz_cell.outputs if o.output_type in ("display_data", "execute_result"))
    assert "application/vnd.jupyter.widget-view+json" in bundle["data"]  # the live widget
    lines = "".join(o.get("text", "") for o in nb.cells[-1].outputs if o.output_type == "stream").splitlines()
    first = json.loads(lines[0])
    assert Path(first["file"]).resolve().is_relative_to(site.resolve())
    assert not Path(first["file"]).resolve().is_relative_to(REPO.resolve())
    assert first["widget"] is True
    assert first["score"] == {"points": 0, "max": 9, "answered": 0, "total": 9}
    assert json.loads(lines[1]) == {"points": 2, "max": 9, "answered": 3, "total": 9}  # tf is true
    assert os.listdir(downloaded.parent) == ["quiz.ipynb"]  # it needed no other file


@pytest.mark.browser
def test_saved_output_is_a_working_quiz_in_nbconvert_html(downloaded: Path, browser: Browser) -> None:
    nb = nbformat.read(downloaded, as_version=4)
    output = next(c for c in nb.cells if c.id.endswith("-quiz")).outputs[0]["data"]["text/html"]
    html, _ = HTMLExporter().from_notebook_node(nb)
    assert "allFunctionsCalledOnLoad" in html and 'class="mlq-spec"' in html  # the runtime and the spec
    page_file = downloaded.parent / "quiz.html"
    page_file.write_text(html, "utf-8")
    with serve(downloaded.parent) as url:
        page = browser.new_context().new_page()
        outside: list[str] = []
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(lambda u: not u.startswith((url, "data:", "blob:")),
                   lambda route: (outside.append(route.request.url), route.abort()))
        page.goto(f"{url}/quiz.html")
        expect(page.locator(".mlq-quiz .mlq-question")).to_have_count(9)
        for qid in ("vote", "tf"):
            answer(page, qid, True)
            assert check(page, qid) == "correct"
        expect(page.locator(".mlq-score")).to_contain_text("Score: 2 of 9 points · 2 of 9 answered")
        expect(page.get_by_role("button", name="Download results")).to_be_visible()
        page.context.close()
    # nbconvert's own template names scripts of other hosts (blocked here, and the quiz worked); the output none
    template = set(re.findall(r'<script src="(https://[^"]+)"', html))
    assert set(outside) <= template, outside
    assert not re.search(r"https?://", output)
    assert errors == []


@pytest.mark.browser
def test_a_downloaded_annotate_notebook_is_a_working_exercise_in_nbconvert_html(fixture_book: Path, tmp_path: Path,
                                                                                 browser: Browser) -> None:
    """The "Annotate it yourself" notebook alone, as nbconvert's HTML: the exercise in its saved output mounts,
    takes marks and checks them, with nothing from another host in the output."""
    from .test_annotate_browser import assert_results, do_the_exercise

    assert run_cli("generate", cwd=fixture_book).code == 0
    folder = tmp_path / "downloads"
    folder.mkdir()
    path = Path(shutil.copy2(fixture_book / "book/town-library/annotate.ipynb", folder / "annotate.ipynb"))
    nb = nbformat.read(path, as_version=4)
    output = next(c for c in nb.cells if c.id.endswith("-exercise")).outputs[0]["data"]["text/html"]
    assert not re.search(r"https?://", output)
    html, _ = HTMLExporter().from_notebook_node(nb)
    (folder / "annotate.html").write_text(html, "utf-8")
    with serve(folder) as url:
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.route(lambda u: not u.startswith((url, "data:", "blob:")), lambda route: route.abort())
        page.goto(f"{url}/annotate.html")
        do_the_exercise(page)
        assert_results(page)
        page.context.close()
    assert errors == []
