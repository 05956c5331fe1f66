"""HTML, script and link injection through every instructor-written field: escaped or sanitised everywhere.

One course, whose every text field carries the payloads below, goes through the whole pipeline. The
generated MyST pages, the notebooks (sources and stored outputs, including the sealed answer keys of the
quiz specs) and the built HTML are scanned for live markup; then Chromium opens every page of the chapter,
presses every Check and opens every note, and ``window.__pwned`` must stay undefined with no dialog shown.
"""

from __future__ import annotations

import html.parser
import json
import re
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import nbformat
import pytest
from markdown_it import MarkdownIt

from generator.generate import chapter
from generator.seal import unseal
from generator.stages import load_course

from .conftest import QUIZ_SPEC, make_book, run_cli

if TYPE_CHECKING:
    from playwright.sync_api import Browser

SCRIPT = "<script>window.__pwned=1</script>"
IMG = '<img src=x onerror="window.__pwned=1">'
JSLINK = "[link](javascript:window.__pwned=1)"
SVG = '"><svg onload=window.__pwned=1>'
CLOSE = "</script><script>window.__pwned=1</script>"
PAYLOADS = (SCRIPT, IMG, JSLINK, SVG, CLOSE)
PAY = " ".join(PAYLOADS)
# a URL the schema accepts (http(s), no spaces) that tries to break out of an attribute
URL = 'https://example.org/"><svg/onload=window.__pwned=1>'


def y(text: str) -> str:
    """A YAML single-quoted scalar."""
    return "'" + text.replace("'", "''") + "'"


P = y(PAY)
P2 = y("second " + PAY)
# Titles (the article's, the bank's) and the bank description are refused when they hold HTML tags (see
# test_html_in_titles_is_refused): they carry the rest, a javascript: link, quotes and Markdown.
PLAIN = y(f'{JSLINK} " onmouseover="window.__pwned=1 & *x*')

ARTICLE = f"""---
title: {PLAIN}
author: {P}
author_bio: {P}
publisher: {P}
date: 2024-03-01
url: {y(URL)}
license: {P}
original_source: {{publisher: {P}, url: {y(URL)}}}
notes: {P}
---
# Heading {SCRIPT}

The council voted 7 to 2 on Tuesday. It wrote {SCRIPT} in the minutes.
This is surely the worst idea {IMG} ever.

Raw block:

<div onclick="window.__pwned=1">{SVG}</div>

A [bad link](javascript:window.__pwned=1) and a [good link](https://example.org/ok) and {CLOSE} at the end.
The library will stay open every day. The library will close on Sundays.
"""

ANNOTATIONS = f"""guide:
  objectives: [{P}]
  before_reading: [{P}]
  during_reading: [{P}]
  after_reading: [{P}]
  vocabulary: {{{P}: {P}}}
  timeline:
    - {{date: 2024-02-27, event: {P}}}
    - {{date: 2024-03-01, event: {P2}}}
instructor:
  lesson_plan:
    - {{minutes: 5, activity: {P}}}
  discussion: [{P}]
  misconceptions: [{P}]
annotations:
  - id: minutes
    kind: claim
    quote: {y("It wrote " + SCRIPT + " in the minutes.")}
    note: {P}
    verdict: accurate
    sources:
      - {{title: {P}, publisher: {P}, date: 2024-03-02, url: {y(URL)}, note: {P}}}
    context_since: {P}
    instructor_note: {P}
  - id: worst
    kind: opinion
    quote: {y("This is surely the worst idea " + IMG + " ever.")}
    note: {P}
    cues: [{y("surely")}, {y(IMG)}]
  - id: open-closed
    kind: contradiction
    quotes: ["The library will stay open every day.", "The library will close on Sundays."]
    note: {P}
  - id: worst-technique
    kind: technique
    technique: exaggeration
    quote: "the worst idea"
    note: {P}
  - id: raw-source
    kind: source
    quote: {y(SVG)}
    note: {P}
    sources:
      - {{title: {P}, publisher: {P}, date: 2024-03-02, url: {y(URL)}}}
  - id: close-tag
    kind: claim
    quote: {y(CLOSE)}
    note: {P}
    verdict: unverifiable
"""

BANK = f"""bank: inject-quiz
article: inject
title: {PLAIN}
description: {PLAIN}
shuffle: true
questions:
  - id: single
    type: single
    prompt: {P}
    hint: {P}
    explanation: {P}
    feedback: {{correct: {P}, incorrect: {P}}}
    options:
      - {{text: {P}, correct: true, feedback: {P}}}
      - {{text: {P2}, feedback: {P}}}
  - id: multiple
    type: multiple
    prompt: {P}
    options:
      - {{text: {P}, correct: true, feedback: {P}}}
      - {{text: {P2}, feedback: {P}}}
  - id: tf
    type: true-false
    prompt: {P}
    answer: true
    feedback: {{correct: {P}, incorrect: {P}}}
  - id: numeric
    type: numeric
    prompt: {P}
    answer: 7
    unit: {P}
    hint: {P}
  - id: text
    type: text
    prompt: {P}
    accept: [{P}, "seven"]
    explanation: {P}
  - id: order
    type: order
    prompt: {P}
    items: [{P}, {P2}]
  - id: match
    type: match
    prompt: {P}
    pairs:
      - {{left: {P}, right: {P2}}}
      - {{left: {P2}, right: {P}}}
  - id: classify
    type: classify
    prompt: {P}
    categories: [{P}, {P2}]
    items:
      - {{text: {P}, category: {P}, feedback: {P}}}
      - {{text: {P2}, category: {P2}, feedback: {P}}}
  - id: select
    type: select-text
    prompt: {P}
    passage: {y("First " + SCRIPT + ". Then " + IMG + ". Last.")}
    answers: [{y("First " + SCRIPT + ".")}]
    answer_feedback: {{{y("First " + SCRIPT + ".")}: {P}}}
"""


def write_course(folder: Path) -> Path:
    (folder / "articles" / "inject").mkdir(parents=True)
    (folder / "quizzes").mkdir()
    (folder / "articles" / "inject" / "article.md").write_text(ARTICLE, "utf-8")
    (folder / "articles" / "inject" / "annotations.yaml").write_text(ANNOTATIONS, "utf-8")
    (folder / "quizzes" / "inject.yaml").write_text(BANK, "utf-8")
    return folder


# ---------------------------------------------------------------------------------------------------------------
# What "live" markup is: a script that is not our JSON data, an on* handler, a javascript: address, or a
# </script> inside a JSON data block.

ALLOWED_SCRIPT_TYPES = {"application/json", "application/ld+json"}


class _Scan(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[str] = []
        self.json_blocks: list[str] = []
        self._script: dict[str, str | None] | None = None
        self._buf: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        for name, value in attrs:
            if name.lower().startswith("on") and "pwned" in (value or ""):  # the theme has onclick="window.print()"
                self.problems.append(f"<{tag} {name}={value!r}>")
            bare = re.sub(r"[\s\x00-\x1f]", "", value or "").lower()
            if name.lower() in ("href", "src", "action", "formaction", "xlink:href", "data") \
                    and bare.startswith(("javascript:", "vbscript:", "data:text")):
                self.problems.append(f"<{tag} {name}={value!r}>")
        if tag == "script":
            self._script = a
            self._buf = []
        if tag in ("iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        if tag == "img" and a.get("src") == "x":
            self.problems.append("<img src=x>")
        if tag == "svg" and any(n.lower().startswith("on") for n, _ in attrs):
            self.problems.append("<svg on...>")

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._buf.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._buf)
            kind = (self._script.get("type") or "").lower()
            if kind == "application/json":
                self.json_blocks.append(body)
            elif kind == "application/ld+json":  # plain-text data for search engines: must only stay inside
                if "</script" in body.lower() or "<!--" in body:
                    self.problems.append("a JSON-LD block contains '</script' or '<!--'")
                json.loads(body)
            elif "__pwned" in body:
                self.problems.append(f"<script>{body[:80]}</script>")
            self._script = None


def scan_html(text: str, where: str) -> list[str]:
    """Problems in one HTML text, including the HTML inside quiz specs (public part and sealed key)."""
    s = _Scan()
    s.feed(text)
    s.close()
    problems = [f"{where}: {p}" for p in s.problems]
    for block in s.json_blocks:
        if "</script" in block.lower() or "<!--" in block:
            problems.append(f"{where}: a JSON block contains '</script' or '<!--'")
        try:
            data = json.loads(block)
        except ValueError as exc:
            problems.append(f"{where}: a JSON block does not parse: {exc}")
            continue
        for key, fragment in html_fragments(data):
            problems += scan_html(fragment, f"{where} (spec {key})") if "<" in fragment else []
    return problems


def spec_fragments(html: str) -> list[tuple[str, str]]:
    """The HTML strings of the quiz specs in a page or output, the keys opened."""
    s = _Scan()
    s.feed(html)
    s.close()
    return [f for block in s.json_blocks for f in html_fragments(json.loads(block))]


def html_fragments(spec: Any, path: str = "", salt: str | None = None) -> Iterator[tuple[str, str]]:
    """Every HTML string of a quiz spec (``*html`` keys, and the feedback maps of the answer keys) or of the annotate
    exercise's (its key's notes), the sealed answer keys opened. Plain-text data of the keys (accepted answers, the
    right order) only grades, it is never shown."""
    if isinstance(spec, dict):
        salt = spec["salt"] if isinstance(spec.get("salt"), str) else salt
        if isinstance(spec.get("sealed"), str) and salt is not None:
            yield from html_fragments(unseal(spec["sealed"], salt, spec["id"]), f"{path}.sealed", salt)
        elif isinstance(spec.get("sealed"), str) and "kinds" in spec:  # the annotate exercise: its key, its notes
            yield from html_fragments(unseal(spec["sealed"], spec["id"], "annotate"), f"{path}.sealed", salt)
        for k, v in spec.items():
            if isinstance(v, str) and (k.endswith("html") or k == "note"):  # an annotate key's note is HTML
                yield f"{path}.{k}", v
            elif k == "feedback" and isinstance(v, dict):
                yield from ((f"{path}.feedback.{i}", h) for i, h in v.items() if isinstance(h, str))
            else:
                yield from html_fragments(v, f"{path}.{k}", salt)
    elif isinstance(spec, list):
        for i, v in enumerate(spec):
            yield from html_fragments(v, f"{path}[{i}]", salt)


_RAW = re.compile(r"^(`{3,})\{raw\} html\n(.*?)\n\1$", re.S | re.M)


def myst_to_html(text: str) -> str:
    """What a MyST page becomes, near enough: Markdown with raw HTML passed through, ``{raw} html`` blocks as is."""
    md = MarkdownIt("commonmark", {"html": True}).enable("table")
    out, pos = [], 0
    body = re.sub(r"\A---\n.*?\n---\n", "", text, flags=re.S)
    for m in _RAW.finditer(body):
        out.append(md.render(body[pos:m.start()]))
        out.append(m.group(2))
        pos = m.end()
    out.append(md.render(body[pos:]))
    return "\n".join(out)


def scan_markdown(text: str, where: str) -> list[str]:
    """A MyST page or cell: raw HTML passes through MyST, so it is rendered that way, then scanned as HTML."""
    return scan_html(myst_to_html(text), where)


def scan_notebook(path: Path, where: str) -> list[str]:
    nb = nbformat.read(path, as_version=4)
    nbformat.validate(nb)
    problems: list[str] = []
    for cell in nb.cells:
        if cell.cell_type == "markdown":
            problems += scan_markdown(cell.source, f"{where} markdown cell {cell.id}")
        elif cell.cell_type == "code":
            if "__pwned" in cell.source or "<" in cell.source:
                problems.append(f"{where} code cell {cell.id}: {cell.source!r}")
            for out in cell.get("outputs", []):
                for mime, data in (out.get("data") or {}).items():
                    text = data if isinstance(data, str) else "".join(data) if isinstance(data, list) else ""
                    if mime == "text/html":
                        problems += scan_html(text, f"{where} output {mime}")
                        if not any("&lt;script" in h for _, h in spec_fragments(text)):
                            problems.append(f"{where}: the payload text is missing from the quiz output")
    return problems


@pytest.fixture(scope="module")
def course_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    course = write_course(tmp_path_factory.mktemp("inject-course"))
    return make_book(tmp_path_factory.mktemp("inject") / "root", course)


def test_the_injection_course_is_valid(course_root: Path) -> None:
    """The payloads are legal text: the check passes, so they really reach the outputs."""
    res = run_cli("check", cwd=course_root)
    assert res.code == 0, res.err


def test_html_in_titles_is_refused(tmp_path: Path) -> None:
    """HTML in the article title, a bank title or description is refused by the check: titles reach the navigation,
    and the book theme prints the page title unescaped in its print-only header."""
    root = make_book(tmp_path / "root", write_course(tmp_path / "course"))
    bank = root / "quizzes" / "inject.yaml"
    bank.write_text(BANK.replace(f"title: {PLAIN}", f"title: {P}").replace(f"description: {PLAIN}",
                                                                          f"description: {y(IMG)}"), "utf-8")
    art = root / "articles" / "inject" / "article.md"
    art.write_text(ARTICLE.replace(f"title: {PLAIN}", f"title: {y(SVG)}"), "utf-8")
    res = run_cli("check", cwd=root)
    assert res.code == 1 and "Traceback" not in res.err
    assert "quizzes/inject.yaml:3:8: error: title contains HTML ('<script>')" in res.err
    assert "quizzes/inject.yaml:4:14: error: description contains HTML ('<img src=x" in res.err
    assert "articles/inject/article.md:2:8: error: title contains HTML ('<svg onload=window.__pwned=1>')" in res.err
    assert res.err.count("hint: Write plain text") == 3
    res = run_cli("generate", cwd=root)
    assert res.code == 1 and not (root / "book" / "inject").exists()


def test_generated_pages_and_notebooks_carry_no_live_markup(course_root: Path) -> None:
    res = run_cli("generate", "--quiet", cwd=course_root)
    assert res.code == 0, res.err
    folder = course_root / "book" / "inject"
    files = sorted(p for p in folder.rglob("*") if p.is_file())
    assert {p.name for p in files} >= {"index.md", "article.md", "fact-or-opinion.ipynb", "contradictions.ipynb",
                                       "check-claims.ipynb", "quiz-inject-quiz.ipynb", "timeline.svg"}
    problems: list[str] = []
    for p in files:
        text = p.read_text("utf-8")
        if p.suffix == ".md":
            problems += scan_markdown(text, p.name)
            assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in text, p.name  # shown, as text
        elif p.suffix == ".ipynb":
            problems += scan_notebook(p, p.name)
        elif p.suffix == ".svg":
            problems += scan_html(text, p.name)
            assert "&lt;script&gt;" in text
    toc = (course_root / "_toc.yml").read_text("utf-8")
    assert "__pwned" not in toc
    assert problems == []


def test_instructor_pages_carry_no_live_markup(course_root: Path) -> None:
    """The instructor edition's extra pages (answer key, teaching notes) escape the same fields."""
    course = load_course(course_root)
    ch = chapter(course.articles[0], course.banks_for("inject"), course.root, instructor=True)
    problems: list[str] = []
    extra = [name for name in ch.files if name.endswith(".md") and name not in ("index.md", "article.md")]
    assert extra, sorted(ch.files)
    for name, data in ch.files.items():
        if name.endswith(".md"):
            problems += scan_markdown(data.decode("utf-8"), f"instructor {name}")
    assert problems == []


@pytest.fixture(scope="module")
def built(course_root: Path) -> Path:
    res = run_cli("build", "--quiet", cwd=course_root)
    assert res.code == 0, res.err + res.out
    return course_root / "_build" / "html"


def chapter_pages(site: Path) -> list[Path]:
    return sorted((site / "book" / "inject").glob("*.html"))


def test_built_html_carries_no_live_markup(built: Path) -> None:
    pages = chapter_pages(built)
    assert {p.stem for p in pages} >= {"index", "article", "fact-or-opinion", "contradictions", "check-claims",
                                       "quiz-inject-quiz"}
    problems: list[str] = []
    for p in [*pages, built / "index.html", built / "search.html"]:
        problems += scan_html(p.read_text("utf-8"), p.relative_to(built).as_posix())
    assert problems == []
    article = (built / "book" / "inject" / "article.html").read_text("utf-8")
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in article  # the text is shown, not dropped


# ---------------------------------------------------------------------------------------------------------------
# The same chapter in a real browser.

BROWSER_JS = textwrap.dedent("""
    () => ({pwned: typeof window.__pwned,
            inDoc: [...document.querySelectorAll('*')].filter(e => [...e.attributes].some(
                a => a.name.startsWith('on') && a.value.includes('pwned'))).length,
            scripts: [...document.scripts].filter(s => s.text.includes('__pwned') && s.type !== 'application/json'
                                                  && s.type !== 'application/ld+json').length})
""")


@pytest.mark.browser
def test_no_payload_runs_in_a_browser(built: Path, browser: Browser) -> None:
    from .browser_support import serve

    dialogs: list[str] = []
    errors: list[str] = []
    with serve(built) as url:
        context = browser.new_context(viewport={"width": 1100, "height": 900})
        page = context.new_page()
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        for p in chapter_pages(built):
            page.goto(f"{url}/book/inject/{p.name}")
            page.wait_for_load_state("load")
            if p.stem == "article":
                for box in page.locator("input[data-layer]:not([disabled])").all():
                    box.check()
                buttons = page.locator(".mlq-note-btn")
                assert buttons.count() >= 1
                for i in range(buttons.count()):
                    buttons.nth(i).click()
                    page.wait_for_timeout(30)
                    page.keyboard.press("Escape")
                notes = page.locator(".mlq-note")
                assert notes.count() == 6
                for i in range(notes.count()):  # every note opens and closes from script too
                    notes.nth(i).evaluate("n => n.showPopover()")
                    page.wait_for_timeout(30)
                    notes.nth(i).evaluate("n => n.hidePopover()")
                for link in page.locator("article a").all():  # a click on every link may not run code
                    href = link.get_attribute("href") or ""
                    assert not href.lower().startswith("javascript:")
            if p.stem == "annotate":  # a mark over the first words, then Check: every note is shown (missed)
                page.locator('.mlq-w[data-w="0"]').click()
                page.locator('.mlq-w[data-w="3"]').click()
                page.locator(".mlq-an-toolbar button").first.click()
                page.locator(".mlq-an-check").click()
                assert page.locator(".mlq-an-missed, .mlq-an-found").count() >= 1
                page.wait_for_timeout(100)
                continue
            quizzes = page.locator(".mlq-quiz .mlq-question")
            if p.stem != "index" and p.stem != "article":
                assert quizzes.count() >= 1, p.name
            for i in range(quizzes.count()):
                q = quizzes.nth(i)
                for choice in q.locator("input[type=radio], input[type=checkbox]").all()[:1]:
                    choice.check()
                for box in q.locator("input[type=text], input:not([type])").all():
                    box.fill("<img src=x onerror=window.__pwned=1>")
                for seg in q.locator(".mlq-seg").all()[:1]:
                    seg.click()
                hint = q.locator(".mlq-hint-btn, button:has-text('Hint')")
                if hint.count():
                    hint.first.click()
                q.locator(".mlq-check").click()
                page.wait_for_timeout(20)
            state = page.evaluate(BROWSER_JS)
            assert state["pwned"] == "undefined", p.name
            assert state["inDoc"] == 0, p.name
            assert state["scripts"] == 0, p.name
        context.close()
    assert dialogs == []
    assert not [e for e in errors if "pwned" in e]


def test_every_note_has_a_button(course_root: Path) -> None:
    res = run_cli("generate", "--quiet", cwd=course_root)
    assert res.code == 0, res.err
    page = (course_root / "book" / "inject" / "article.md").read_text("utf-8")
    notes = set(re.findall(r'<div id="note-([a-z0-9-]+)" popover', page))
    buttons = set(re.findall(r'class="mlq-note-btn[^"]*" popovertarget="note-([a-z0-9-]+)"', page))
    assert len(notes) == 6
    assert buttons == notes


def test_sealed_answer_keys_are_scanned_and_escaped(course_root: Path) -> None:
    """The answer keys (feedback, explanations) are sealed in the spec; opened, their HTML is escaped too."""
    assert run_cli("generate", "--quiet", cwd=course_root).code == 0
    nb = nbformat.read(course_root / "book" / "inject" / "quiz-inject-quiz.ipynb", as_version=4)
    out = nb.cells[-1].outputs[0]["data"]["text/html"]
    block = QUIZ_SPEC.search(out)
    assert block is not None
    spec = json.loads(block.group(1))
    fragments = list(html_fragments(spec))
    assert all("sealed" in q and "explanation_html" not in q for q in spec["questions"])  # keys unreadable
    sealed = [(k, v) for k, v in fragments if ".sealed." in k]
    assert len(sealed) >= 10 and any("explanation" in k for k, _ in sealed)
    assert any(".sealed.feedback." in k and "&lt;img" in v for k, v in sealed)  # per-option feedback
    assert all("&lt;script&gt;" in v for k, v in sealed if k.endswith("explanation_html") and v)
    problems = [p for k, v in fragments for p in scan_html(v, k)]
    assert problems == []
