"""The built site as its readers meet it, in Debian's Chromium: every chapter page passes axe in light and dark mode,
no request of any page fails, every page describes itself, the home page is a real document, the timeline is drawn,
and exercise and quiz pages print as worksheets (the instructor edition's answer key as a key)."""

from __future__ import annotations

import html as htmllib
import io
import json
import re
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from generator.seeding import drawn_ids

from .browser_support import AXE, serve

pytestmark = pytest.mark.browser

AXE_OPTIONS = ("{resultTypes: ['violations'], rules: {'label-content-name-mismatch': {enabled: true}}}")


def chapter_pages(site: Path) -> list[str]:
    """Every page of every generated chapter of the built site."""
    chapters = sorted(p.parent for p in site.glob("book/*/article.html"))
    return [p.relative_to(site).as_posix() for c in chapters for p in sorted(c.glob("*.html"))]


def site_pages(site: Path) -> list[str]:
    """Every page of the built site (not the theme's template pieces that Sphinx copies into _static)."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html")
                  if not p.relative_to(site).as_posix().startswith("_static/"))


def serious(page: Page) -> list[tuple[str, str, list]]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(f"async () => await axe.run(document, {AXE_OPTIONS})")
    return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
            if v["impact"] in ("serious", "critical")]


def answer_one_wrong(page: Page) -> None:
    """On a page with a quiz, answer its first choice question and check it, so that feedback is on the page too."""
    q = page.locator("fieldset.mlq-question:has(.mlq-opt input)").first
    if q.count():
        q.locator(".mlq-opt input").first.check()
        q.locator(".mlq-check").click()
        page.wait_for_selector(".mlq-feedback[data-result]")


@pytest.mark.parametrize("mode", ["light", "dark (device setting)", "dark (the theme's button)"])
def test_every_chapter_page_passes_axe_in_light_and_dark_mode(browser: Browser, site: str, site_root: Path,
                                                               mode: str) -> None:
    pages = chapter_pages(site_root)
    assert len(pages) >= 14  # the seed chapter (8 pages) and the fixture chapter (6)
    context = browser.new_context(color_scheme="dark" if mode.startswith("dark (device") else "light")
    page = context.new_page()
    problems = {}
    try:
        for path in pages:
            page.goto(f"{site}/{path}")
            page.wait_for_load_state("networkidle")
            if mode == "dark (the theme's button)" and page.evaluate("document.documentElement.dataset.theme") != \
                    "dark":
                page.locator(".theme-switch-button").first.click()  # from the device's light: auto -> dark
            want = "light" if mode == "light" else "dark"
            assert page.evaluate("document.documentElement.dataset.theme") == want, path
            answer_one_wrong(page)
            bad = serious(page)
            if bad:
                problems[path] = bad
    finally:
        context.close()
    assert problems == {}, "\n".join(f"{k}: {v}" for k, v in problems.items())


def test_no_request_of_any_page_fails_and_every_image_is_drawn(browser: Browser, site: str, site_root: Path) -> None:
    """Every page the build wrote, loaded as a reader loads it: no response of 400 or more, no failed request, no
    image left undrawn; each names an icon that loads (a browser asks for one on every page)."""
    pages = site_pages(site_root)
    assert "index.html" in pages and "search.html" in pages and len(pages) >= 30
    context = browser.new_context()
    page = context.new_page()
    failed: list[str] = []
    page.on("response", lambda r: failed.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    # a request cut short by the page's own navigation (the home document redirects at once) is no failure a
    # reader sees; every other failed request is
    page.on("requestfailed", lambda r: None if r.failure == "net::ERR_ABORTED" else
            failed.append(f"failed {r.url} {r.failure}"))
    broken: list[str] = []
    try:
        for path in pages:
            page.goto(f"{site}/{path}")
            page.wait_for_load_state("networkidle")
            broken += [f"{path}: {src}" for src in page.evaluate(
                "Array.from(document.images).filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)")]
            icon = page.evaluate("document.querySelector('link[rel~=icon]')?.href")
            assert icon, f"{path} names no icon"
            assert page.request.get(icon).status == 200, icon
    finally:
        context.close()
    assert failed == [] and broken == []


def test_every_page_describes_itself(site_root: Path) -> None:
    missing, short = [], []
    for path in map(site_root.joinpath, site_pages(site_root)):
        m = re.search(r'<meta name="description" content="([^"]*)"', path.read_text("utf-8"))
        if not m:
            missing.append(path.name)
        elif not 20 <= len(htmllib.unescape(m.group(1))) <= 160:
            short.append((path.name, m.group(1)))
    assert missing == [] and short == []


def test_home_page_is_a_document_that_sends_readers_to_the_book_at_once(browser: Browser, site: str,
                                                                        site_root: Path) -> None:
    text = (site_root / "index.html").read_text("utf-8")
    assert text.startswith("<!DOCTYPE html>")
    assert "<title>Reading the news critically</title>" in text
    assert re.search(r'<meta name="description" content="[^"]{40,}"', text)
    assert '<meta http-equiv="refresh" content="0; url=book/intro.html" />' in text
    assert '<a href="book/intro.html">' in text  # for a browser that does not follow the redirect
    page = browser.new_page()
    try:
        page.goto(f"{site}/index.html")
        page.wait_for_url(f"{site}/book/intro.html", timeout=3000)
        assert page.locator("article h1").first.inner_text().startswith("Reading the news critically")
    finally:
        page.close()


def test_overview_draws_the_timeline_in_the_page_colours(browser: Browser, site: str) -> None:
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        try:
            page.goto(f"{site}/book/mali-withdrawal/index.html")
            figure = page.locator("figure.mlq-figure svg.mlq-timeline")
            box = figure.bounding_box()
            assert box and box["width"] > 300 and box["height"] > 300
            colours = page.evaluate("""() => { const s = document.querySelector('svg.mlq-timeline');
                const text = s.querySelector('text'), line = s.querySelector('line');
                return [getComputedStyle(document.body).color, getComputedStyle(s).color, getComputedStyle(text).fill,
                        getComputedStyle(line).stroke]; }""")
            assert len(set(colours)) == 1, colours  # its lines and text are drawn in the page's text colour
        finally:
            context.close()


def pdf_text(browser: Browser, url: str, seed: str | None = None) -> str:
    """The page printed by Chromium (its own PDF output, A4), as the PDF's text (pypdf); ``seed``: the student's
    (else the browser's own, random)."""
    from pypdf import PdfReader

    page = browser.new_page()
    if seed is not None:
        page.add_init_script(f"localStorage.setItem('medialit:seed', {json.dumps(seed)});")
    try:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        page.wait_for_selector(".mlq-question", state="attached")
        data = page.pdf(format="A4")
    finally:
        page.close()
    return "\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages)


@pytest.mark.parametrize("name", ["fact-or-opinion", "quiz-mali-withdrawal-check"])
def test_an_exercise_or_quiz_prints_as_a_worksheet(browser: Browser, editions: tuple[Path, Path, Path],
                                                   name: str) -> None:
    root, student, _ = editions
    from generator.stages import load_course
    from generator.transform.exercises import exercise_bank
    from generator.transform.spec import bank_spec

    course = load_course(root)
    article = course.articles[0]
    bank = exercise_bank(article, name) if not name.startswith("quiz-") else \
        next(b for b in course.banks if f"quiz-{b.id}" == name)
    spec = bank_spec(bank)
    # a student whose draw has a true-false question and a typed answer, the parts of a worksheet checked below
    kinds = {q["id"]: q["type"] for q in spec["questions"]}
    seed = next(s for s in (f"student-{i}" for i in range(500)) if name == "fact-or-opinion" or (
        "true-false" in (drawn := {kinds[i] for i in drawn_ids(spec, s)}) and drawn & {"text", "numeric"}))
    with serve(student) as url:
        text = " ".join(pdf_text(browser, f"{url}/book/mali-withdrawal/{name}.html", seed).split())
    assert f"by {article.author}" in text and article.publisher in text  # the attribution
    count = spec.get("draw") or len(spec["questions"])  # a drawn quiz prints the questions drawn for this browser
    assert [int(n) for n in re.findall(r"Question (\d+) of \d+", text)] == list(range(1, count + 1))
    if name == "fact-or-opinion":
        assert "Fact: a checkable statement" in text and "Opinion: a judgement" in text  # with their options
    else:
        assert "True" in text and "False" in text and "_" * 30 in text  # options, and a line for a typed answer
    for chrome in ("Search this book", "Skip to main content", "Score:", "Not quite", "Correct!", "For instructors",
                   "Show a hint"):
        assert chrome not in text, chrome
    # buttons: only the page's instructions name Check and Reset (a button would add one per question, or per quiz)
    assert len(re.findall(r"\bCheck\b(?! the claims)", text)) <= 1 and len(re.findall(r"\bReset\b", text)) <= 1
    assert not re.search(r"\bHint\b", text)


def test_the_instructor_answer_key_prints_as_a_key(browser: Browser, editions: tuple[Path, Path, Path]) -> None:
    root, _, instructor = editions
    with serve(instructor) as url:
        page = browser.new_page()
        try:
            page.goto(f"{url}/book/mali-withdrawal/answer-key.html")
            page.wait_for_load_state("networkidle")
            data = page.pdf(format="A4")
        finally:
            page.close()
    from pypdf import PdfReader

    text = " ".join("\n".join(p.extract_text() for p in PdfReader(io.BytesIO(data)).pages).split())
    assert "Answer key" in text and "✓ correct" in text and text.count("Answer:") >= 5
    for chrome in ("Search this book", "Skip to main content", "For instructors"):
        assert chrome not in text, chrome
