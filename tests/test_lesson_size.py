"""Exercises sized for a lesson, in the built book (Chromium): a per-student draw of a long list, the sentence
around a short quote, and the article's notes that send a student to an exercise linking to it."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from urllib.request import urlopen

import pytest
from playwright.sync_api import Browser, Page, expect

from generator.errors import Report
from generator.seeding import drawn_ids
from generator.stages import load_article
from generator.text import ArticleText
from generator.transform.exercises import DEFAULT_DRAW, exercise_bank

from .conftest import FIXTURES, REPO, quiz_specs

pytestmark = pytest.mark.browser

CHAPTER = "book/mali-withdrawal"


def spec_of(site: str, page: str) -> dict:
    with urlopen(f"{site}/{CHAPTER}/{page}.html") as resp:
        (spec,) = quiz_specs(resp.read().decode("utf-8"))
    return spec


def open_as(browser: Browser, url: str, seed: str, width: int = 1100) -> Page:
    context = browser.new_context(viewport={"width": width, "height": 900})
    context.add_init_script(f"localStorage.setItem('medialit:seed', {json.dumps(seed)});")
    page = context.new_page()
    page.goto(url)
    return page


def shown_ids(page: Page) -> list[str]:
    page.wait_for_function("document.querySelectorAll('.mlq-question').length > 1")
    return page.locator(".mlq-question").evaluate_all("els => els.map(e => e.dataset.qid)")


def test_a_long_exercise_draws_a_lesson_per_student(browser: Browser, site: str) -> None:
    spec = spec_of(site, "fact-or-opinion")
    assert spec["draw"] == DEFAULT_DRAW["fact-or-opinion"] == 12 and len(spec["questions"]) == 61
    seen = []
    for seed in ("student-a", "student-b"):
        page = open_as(browser, f"{site}/{CHAPTER}/fact-or-opinion.html", seed)
        try:
            ids = shown_ids(page)
            assert ids == drawn_ids(spec, seed) and len(ids) == 12  # the draw Python makes, in the browser
            expect(page.locator(".mlq-qnum").first).to_contain_text("Question 1 of 12")
            expect(page.locator("main")).to_contain_text("You get 12 of the 61 questions of this exercise")
            page.reload()  # the same student gets the same statements again
            assert shown_ids(page) == ids
            seen.append(ids)
        finally:
            page.context.close()
    assert seen[0] != seen[1]  # another student, other statements


def test_a_short_quote_is_shown_in_its_sentence(browser: Browser, site: str) -> None:
    spec = spec_of(site, "check-claims")
    qid = "region-tag-mena"  # the claim whose quote is the tag "Middle East & North Africa"
    seed = next(s for s in (f"student-{i}" for i in range(200)) if qid in drawn_ids(spec, s))
    page = open_as(browser, f"{site}/{CHAPTER}/check-claims.html", seed, width=390)
    try:
        shown_ids(page)
        prompt = page.locator(f'.mlq-question[data-qid="{qid}"] .mlq-prompt')
        expect(prompt).to_contain_text("In the article: Region: Middle East & North Africa")
        expect(prompt.locator("strong").first).to_have_text("Middle East & North Africa")  # the quote, in its sentence
    finally:
        page.context.close()


def test_a_claims_note_links_to_the_exercise(page_in_site: Page, site: str) -> None:
    page = page_in_site
    page.goto(f"{site}/{CHAPTER}/article.html")
    page.locator("input[data-layer=claim]").check()
    page.locator(".mlq-note-btn.k-claim").first.click()
    link = page.locator(".mlq-note:popover-open a", has_text="Check the claims")
    expect(link).to_be_visible()
    link.click()
    page.wait_for_url(f"**/{CHAPTER}/check-claims.html")
    expect(page.locator(".mlq-quiz")).to_be_visible()


@pytest.fixture
def page_in_site(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1100, "height": 900})
    yield context.new_page()
    context.close()


@pytest.mark.parametrize(("plain", "quote", "sentence"), [
    ("Region: Middle East & North Africa\nTheme: Intelligence", "Middle East & North Africa",
     "Region: Middle East & North Africa"),  # a line of its own is its sentence
    ("He left. Macron's attitude was simple: withdraw troops. Then", "attitude was simple",
     "Macron's attitude was simple: withdraw troops."),
    ("She said “stop.” Then he went home! Done", "he went", "Then he went home!"),  # closing quote kept before
    ("No stop at all here", "stop", "No stop at all here"),
])
def test_the_sentence_around_a_quote(plain: str, quote: str, sentence: str) -> None:
    text = ArticleText.from_markdown(plain.replace("\n", "  \n"))  # hard breaks keep the lines
    (start, end), = text.find_all(quote)
    lo, hi = text.sentence_around(start, end)
    assert text.plain[lo:hi].strip() == sentence


def test_exercise_draws_follow_the_annotations(tmp_path: Path) -> None:
    """`exercises: {<name>: {draw: n}}` sets the draw, `draw: all` shows every question, and a short list is never
    drawn from."""
    import shutil

    folder = tmp_path / "town-library"
    shutil.copytree(FIXTURES / "course" / "articles" / "town-library", folder)
    article = load_article(folder, Report())
    assert article is not None
    assert exercise_bank(article, "fact-or-opinion").draw is None  # 3 statements: all of them
    with (folder / "annotations.yaml").open("a", encoding="utf-8") as fh:
        fh.write("exercises:\n  fact-or-opinion:\n    draw: 2\n")
    article = load_article(folder, Report())
    assert article is not None and exercise_bank(article, "fact-or-opinion").draw == 2
    seed = load_article(REPO / "articles" / "mali-withdrawal", Report())
    assert seed is not None
    assert {n: exercise_bank(seed, n).draw for n in DEFAULT_DRAW} == {
        "fact-or-opinion": 12, "contradictions": 6, "check-claims": 6}
    text = (folder / "annotations.yaml").read_text("utf-8").replace("draw: 2", "draw: all")
    (folder / "annotations.yaml").write_text(text, "utf-8")
    article = load_article(folder, Report())
    assert article is not None and exercise_bank(article, "fact-or-opinion").draw is None
