"""The "Annotate it yourself" exercise in a live kernel: generator.quiz.Annotate, an anywidget whose front end is the
static page's (quiz-annotate.js, bundled into annotate-widget.js) and whose score is Python's grade.

- In a real Jupyter kernel, the widget made from the seed article scores marks set from Python (some found, one
  across part of its passage, a contradiction in the other order, an extra one, the rest missed) exactly as
  generator.annotate.grade does, and as the bundled module's grade does in Chromium.
- The bundled module, mounted in a page through a stand-in for anywidget's model, is a working front end: it
  lays the words out as the page does, marks by click and by keyboard, writes the marks to the model, shows
  marks the model is given, and takes itself out again.
- The chapter's annotate notebook runs in a kernel and keeps its static output for a notebook without one.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient
from nbformat import v4
from playwright.sync_api import Browser, Page

from generator import annotate
from generator.errors import Report
from generator.quiz import Annotate
from generator.render.annotate import unsealed_key, words_html
from generator.stages import load_article

from .conftest import REPO, run_cli
from .test_pages import serious

SEED = REPO / "articles" / "mali-withdrawal"
WIDGET = REPO / "generator" / "static" / "annotate-widget.js"


def seed_marks() -> tuple[list[dict], dict[str, str]]:
    """Marks on the seed article, from its own annotations: what each is meant to do (annotation id or 'extra')."""
    article = load_article(SEED, Report())
    assert article is not None
    key = annotate.key(article)
    first = {k: next(a for a in key if a["kind"] == k) for k in annotate.KINDS}
    claim = first["claim"]["passages"][0]
    opinion = next(a for a in key if a["kind"] == "opinion" and a["passages"][0][1] - a["passages"][0][0] >= 8)
    o1, o2 = opinion["passages"][0]
    contradiction = next(a for a in key if a["kind"] == "contradiction" and len(a["passages"]) == 2)
    marked = {i for a in key for p in a["passages"] for i in range(*p)}
    free = next(i for i in range(len(annotate.words(article.text))) if not marked & set(range(i, i + 5)))
    marks = [
        {"kind": "claim", "passages": [claim]},  # exactly the instructor's passage
        {"kind": "opinion", "passages": [[o1 + 2, o2 + 2]]},  # shifted by two words: most of it still shared
        {"kind": "contradiction", "passages": list(reversed(contradiction["passages"]))},  # the other order
        {"kind": "claim", "passages": [[free, free + 5]]},  # words no one annotated: extra
        {"kind": "technique", "technique": "doubt", "passages": [first["technique"]["passages"][0]]},
    ]
    meant = {first["claim"]["id"]: "found", opinion["id"]: "found", contradiction["id"]: "found",
             first["technique"]["id"]: "found", "3": "extra"}
    return marks, meant


def open_widget_module(page: Page) -> None:
    """The bundled module, imported into a blank page as a kernel's front end imports a widget's _esm."""
    page.set_content('<!DOCTYPE html><html lang="en"><head><title>A notebook</title></head><body><main></main></body>'
                     "</html>")
    page.evaluate("""async (code) => {
        window.widget = await import(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
    }""", WIDGET.read_text("utf-8"))


def js_grade(browser: Browser, spec: dict, marks: list[dict]) -> dict:
    page = browser.new_page()
    try:
        open_widget_module(page)
        key = unsealed_key(spec)
        return page.evaluate("([key, kinds, marks, pass]) => widget.grade(key, kinds, marks, pass)",
                             [key, spec["kinds"], marks, spec["pass"]])
    finally:
        page.close()


def run(nb: nbformat.NotebookNode, folder: Path) -> nbformat.NotebookNode:
    NotebookClient(nb, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(folder)}}).execute()
    return nb


def stdout(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs if o.output_type == "stream")


@pytest.mark.kernel
@pytest.mark.browser
def test_the_kernel_scores_marks_as_python_and_the_runtime_do(browser: Browser, tmp_path: Path) -> None:
    marks, meant = seed_marks()
    nb = v4.new_notebook(cells=[
        v4.new_code_cell(f"from generator.quiz import Annotate\nexercise = Annotate.from_article({str(SEED)!r})\n"
                         "exercise", id="make"),
        v4.new_code_cell("import json\nprint(json.dumps(exercise.score))", id="before"),
        v4.new_code_cell(f"exercise.marks = {marks!r}\nprint(json.dumps(exercise.score))", id="after"),
        v4.new_code_cell("import anywidget\nprint(isinstance(exercise, anywidget.AnyWidget), "
                         "json.dumps(exercise.spec['kinds']))", id="kind"),
    ], metadata={"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}})
    run(nb, tmp_path)
    shown = next(o for o in nb.cells[0].outputs if o.output_type in ("display_data", "execute_result"))
    assert "application/vnd.jupyter.widget-view+json" in shown["data"]  # the live widget
    assert '<div class="mlq-annotate-root"' in shown["data"]["text/html"]  # and the page's exercise beside it
    before, after = json.loads(stdout(nb.cells[1])), json.loads(stdout(nb.cells[2]))
    assert before["score"] == 0 and before["found"] == {} and not before["passed"]

    exercise = Annotate.from_article(SEED)
    spec = exercise.spec
    python = annotate.grade(unsealed_key(spec), spec["kinds"], marks, spec["pass"])
    assert after == json.loads(json.dumps(python))  # the kernel's score is the Python grader's
    assert {aid: "found" for aid in after["found"]} | {str(j): "extra" for j in after["extra"]} == meant
    assert after["kinds"]["claim"]["found"] == 1 and after["kinds"]["claim"]["extra"] == 1
    assert after["kinds"]["opinion"]["missed"] == sum(1 for k in unsealed_key(spec) if k["kind"] == "opinion") - 1
    assert 0 < after["score"] < 0.2  # most of the article's 110 passages missed
    assert json.loads(json.dumps(js_grade(browser, spec, marks))) == after  # ... and the runtime's
    assert stdout(nb.cells[3]).split(" ", 1) == ["True", json.dumps(list(annotate.KINDS)) + "\n"]


@pytest.mark.browser
def test_the_runtime_grades_the_rule_s_cases_as_python(browser: Browser) -> None:
    """The bundled module's grade (the kernel's front end) on the matching rule's cases (tests/test_annotate.py)."""
    from .test_annotate import CASES

    page = browser.new_page()
    try:
        open_widget_module(page)
        kinds = ["claim", "opinion", "contradiction"]
        got = page.evaluate("([cases, kinds]) => cases.map((c) => widget.grade(c[1], kinds, c[2], 0.6))",
                            [[list(c) for c in CASES], kinds])
    finally:
        page.close()
    assert got == [json.loads(json.dumps(annotate.grade(c[1], kinds, c[2], 0.6))) for c in CASES]


JUPYTERLAB_DARK = """:root{--jp-layout-color0:#111111;--jp-layout-color2:#424242;--jp-ui-font-color0:#ffffff;
  --jp-ui-font-color1:#e0e0e0;--jp-border-color1:#616161;--jp-brand-color1:#42a5f5}
body{background:#111111;color:#e0e0e0;font-family:system-ui,sans-serif}"""

# a stand-in for anywidget's model (as ipywidgets' Backbone model behaves: set() tells its listeners at once)
FAKE_MODEL = """(spec) => {
  const state = { spec, strings: spec.strings || {}, marks: [], checked: false, score: {} }, listeners = {};
  window.saves = 0;
  window.model = {
    get: (name) => state[name],
    set(name, value) { state[name] = value; for (const f of (listeners['change:' + name] || []).slice()) f(); },
    save_changes() { window.saves++; },
    on(ev, f) { (listeners[ev] = listeners[ev] || []).push(f); },
    off(ev, f) { listeners[ev] = (listeners[ev] || []).filter((g) => g !== f); },
    listeners: () => Object.values(listeners).reduce((n, l) => n + l.length, 0),
  };
  const el = document.createElement('div');
  el.className = 'cell-output';
  document.querySelector('main').append(el);
  window.cleanup = widget.default.render({ model: window.model, el });
}"""


@pytest.mark.browser
@pytest.mark.parametrize("width,scheme", [(1280, "light"), (390, "dark")])
def test_the_bundled_module_is_a_working_front_end(browser: Browser, width: int, scheme: str) -> None:
    exercise = Annotate.from_article(SEED)
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    try:
        open_widget_module(page)
        page.add_style_tag(content=Annotate._css)
        if scheme == "dark":  # as JupyterLab's dark theme: its flag on <body>, its variables and colours
            page.evaluate("document.body.dataset.jpThemeLight = 'false'")
            page.add_style_tag(content=JUPYTERLAB_DARK)
        page.evaluate(FAKE_MODEL, exercise.spec)
        text = page.locator(".mlq-an-text")
        # the words laid out as the page writes them (render/annotate.py), from the spec's layout
        words = page.evaluate("""() => [...document.querySelectorAll('.mlq-an-text p')].map((p) =>
            [...p.querySelectorAll('.mlq-w')].map((w) =>
                [Number(w.dataset.w), w.hasAttribute('data-s'), w.textContent]))""")
        layout = exercise.spec["text"]
        assert [[w[2] for w in p] for p in words] == layout["paragraphs"]
        assert [w[0] for p in words for w in p if w[1]] == layout["sentences"]
        assert page.evaluate("document.querySelector('.mlq-an-text').getAttribute('lang')") == "en"
        # the same elements as the page's (both serialised by the browser; the cursor starts on the first word)
        built, written = page.evaluate("""(html) => {
            const t = document.createElement('template');
            t.innerHTML = html;
            const paras = (root) => [...root.querySelectorAll('p')].map((p) => p.outerHTML).join('\\n');
            return [paras(document.querySelector('.mlq-an-text')), paras(t.content)];
        }""", words_html(layout))
        assert built.replace(' class="mlq-w mlq-cur"', ' class="mlq-w"') == written
        assert page.locator(".mlq-annotate-root").get_attribute("data-lm-suppress-shortcuts") == "true"

        # a claim by click: its first word, its last word, then the label
        claim = next(k for k in unsealed_key(exercise.spec) if k["kind"] == "claim")["passages"][0]
        page.locator(f'.mlq-w[data-w="{claim[0]}"]').click()
        page.locator(f'.mlq-w[data-w="{claim[1] - 1}"]').click()
        page.locator(".mlq-an-toolbar button", has_text="Claim").first.click()
        assert page.evaluate("model.get('marks')") == [{"kind": "claim", "passages": [claim]}]
        assert page.evaluate("saves") == 1
        # an opinion by keyboard alone: to the sentence after, Shift+Right over three words, then O
        text.focus()
        page.keyboard.press("End")
        page.keyboard.press("Home")
        page.keyboard.press("ArrowDown")
        for _ in range(3):
            page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("o")
        first_sentences = exercise.spec["text"]["sentences"]
        start = next(s for s in first_sentences if s > 0)
        marks = page.evaluate("model.get('marks')")
        assert marks[1] == {"kind": "opinion", "passages": [[start, start + 4]]}
        page.locator(f'.mlq-w[data-w="{start + 6}"]').click()  # a selection under way
        assert serious(page) == []
        if shots():
            page.screenshot(path=str(shots() / f"widget-before-check-{width}-{scheme}.png"))
        page.keyboard.press("Escape")
        page.locator(".mlq-an-check").click()
        assert page.evaluate("model.get('checked')") is True
        shown = page.locator(".mlq-an-score").inner_text()
        want = annotate.grade(unsealed_key(exercise.spec), exercise.spec["kinds"], marks, exercise.spec["pass"])
        assert f"Score {round(want['score'] * 100)} %" in shown  # the front end's grade is Python's
        assert serious(page) == []
        if shots():
            page.locator(".mlq-an-score").scroll_into_view_if_needed()
            page.screenshot(path=str(shots() / f"widget-after-check-{width}-{scheme}.png"))
        assert page.evaluate("document.documentElement.scrollWidth") <= width

        # marks set by the host (Python, in a kernel) are shown at once, unchecked
        page.evaluate("model.set('marks', [{kind: 'source', passages: [[12, 17]]}, {kind: 'nonsense'}]); "
                      "model.set('checked', false)")
        assert page.locator(".mlq-an-marks li").count() == 1
        assert page.locator('.mlq-w[data-w="12"]').get_attribute("data-badge") == "S1"
        assert page.locator(".mlq-an-table").count() == 0
        # the clean-up takes the view out and stops listening
        page.evaluate("cleanup()")
        assert page.locator(".mlq-annotate-root").count() == 0 and page.evaluate("model.listeners()") == 0
        assert errors == []
    finally:
        context.close()


def shots() -> Path | None:
    folder = os.environ.get("MEDIALIT_SHOTS")
    if not folder:
        return None
    Path(folder).mkdir(parents=True, exist_ok=True)
    return Path(folder)


@pytest.mark.kernel
def test_the_chapter_s_annotate_notebook_runs_in_a_kernel(fixture_book: Path) -> None:
    assert run_cli("generate", cwd=fixture_book).code == 0
    path = fixture_book / "book" / "town-library" / "annotate.ipynb"
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    cell = next(c for c in nb.cells if c.cell_type == "code")
    assert cell.id == "town-library-annotate-exercise" and cell.metadata["tags"] == ["remove-input"]
    saved = cell.outputs[0]["data"]
    assert '<div class="mlq-annotate-root"' in saved["text/html"] and 'class="mlq-results-root"' in saved["text/html"]
    assert saved["text/plain"] == "Exercise: annotate it yourself: 5 kinds of passage to mark"
    marks = [{"kind": "claim", "passages": [[8, 17]]}, {"kind": "contradiction", "passages": [[58, 67], [18, 25]]},
             {"kind": "source", "passages": [[54, 58]]}]  # see tests/test_annotate_browser.py: found, found, extra
    nb.cells.append(v4.new_code_cell(f"import json\nexercise.marks = {marks!r}\nprint(json.dumps(exercise.score))",
                                     id="test-0"))
    run(nb, path.parent)
    shown = next(o for o in cell.outputs if o.output_type in ("display_data", "execute_result"))
    assert "application/vnd.jupyter.widget-view+json" in shown["data"]
    got = json.loads(stdout(nb.cells[-1]))
    assert sorted(got["found"]) == ["sundays-vs-seven-days", "vote-count"] and got["extra"] == [2]
    article = load_article(fixture_book / "articles" / "town-library", Report())
    assert article is not None
    assert got == json.loads(json.dumps(annotate.grade(annotate.key(article), annotate.kinds_asked(article), marks,
                                                       article.annotate_pass)))
