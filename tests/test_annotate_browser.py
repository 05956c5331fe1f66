"""The "Annotate it yourself" exercise on the built page, in Debian's Chromium: a student finds some annotations,
misses some and adds an extra one and sees the right counts and notes; the same by keyboard alone; by tap on a
390 px touch screen with nothing overflowing; progress kept across a reload; axe in light and dark mode once
checked. Screenshots go to $MEDIALIT_SHOTS when it is set."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page

from .test_pages import serious

pytestmark = pytest.mark.browser

PAGE = "book/town-library/annotate.html"
# the fixture article's words (see tests/test_annotate.py): the claim is words 8-16, the contradiction's passages
# 18-24 and 58-66, the first opinion 35-45; 54-57 ("The council also said") is marked by no one


def shot(page: Page, name: str) -> None:
    folder = os.environ.get("MEDIALIT_SHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(folder) / f"{name}-screen.png"))  # what the student sees now
        page.evaluate("window.scrollTo(0, 0)")  # a full page with its sticky bar where it starts
        page.screenshot(path=str(Path(folder) / f"{name}.png"), full_page=True)


def word(page: Page, i: int):  # noqa: ANN201
    return page.locator(f'.mlq-an-text .mlq-w[data-w="{i}"]')


def mark(page: Page, first: int, last: int, label: str, tap: bool = False) -> None:
    for i in (first, last):
        (word(page, i).tap if tap else word(page, i).click)()
    page.locator(".mlq-an-toolbar button", has_text=label).first.click() if not tap else \
        page.locator(".mlq-an-toolbar button", has_text=label).first.tap()


def counts(page: Page) -> dict[str, list[str]]:
    rows = page.locator(".mlq-an-table tbody tr")
    return {rows.nth(i).get_attribute("data-kind") or "": rows.nth(i).locator("td").all_inner_texts()[:3]
            for i in range(rows.count())}


EXPECTED = {"claim": ["1", "0", "0"], "opinion": ["1", "1", "0"], "contradiction": ["1", "0", "0"],
            "technique": ["0", "1", "0"], "source": ["0", "1", "1"]}


def do_the_exercise(page: Page, tap: bool = False) -> None:
    mark(page, 8, 16, "Claim", tap)
    mark(page, 35, 45, "Opinion", tap)
    mark(page, 18, 24, "Contradiction", tap)
    mark(page, 58, 66, "Link to the last contradiction", tap)
    mark(page, 54, 57, "Source clue", tap)
    assert page.locator(".mlq-an-marks li").count() == 4
    assert word(page, 8).get_attribute("data-badge") == "C1"  # the label as text, not colour alone
    check = page.locator(".mlq-an-check")
    check.tap() if tap else check.click()


def assert_results(page: Page) -> None:
    assert counts(page) == EXPECTED
    assert "Score 60 %: passed." in page.locator(".mlq-an-score").inner_text()
    found = page.locator(".mlq-an-found")
    assert found.count() == 3
    assert "A vote count can be checked" in found.first.inner_text()
    missed = page.locator(".mlq-an-missed")
    assert missed.count() == 3
    assert "A prediction stated as certain." in page.locator(".mlq-an-missed", has_text="Readers will").inner_text()
    extra = page.locator(".mlq-an-extra")
    assert extra.count() == 1 and "The council also said" in extra.inner_text()
    assert "The instructor did not mark this." in extra.inner_text()


def test_find_some_miss_some_add_one_and_reload(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site}/{PAGE}")
        page.wait_for_selector(".mlq-an-toolbar")
        assert "Lucas" not in page.content()  # the fixture's own attribution, above and below the text
        assert page.locator(".mlq-attribution").count() == 2
        assert page.locator("mark, .mlq-an-text .k-claim").count() == 0  # no instructor highlight before checking
        mark(page, 8, 16, "Claim")
        mark(page, 35, 45, "Opinion")
        shot(page, "before-check-light")
        mark(page, 18, 24, "Contradiction")
        mark(page, 58, 66, "Link to the last contradiction")
        mark(page, 54, 57, "Source clue")
        page.locator(".mlq-an-check").click()
        assert_results(page)
        shot(page, "after-check-light")
        assert serious(page) == []
        page.reload()
        page.wait_for_selector(".mlq-an-table")
        assert page.locator(".mlq-an-marks li").count() == 4
        assert_results(page)  # marks and the check kept across the reload
        page.locator(".mlq-an-reset").click()
        assert page.locator(".mlq-an-table").count() == 0
    finally:
        context.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_the_labels_stay_in_view_while_the_student_scrolls_the_text(browser: Browser, site: str, width: int) -> None:
    """The controls are sticky below the theme's header, in the notebook's output box too (which would otherwise be
    a scroll container of its own): on the seed article's long text, halfway down, they are at the window's top."""
    context = browser.new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    try:
        page.goto(f"{site}/book/mali-withdrawal/annotate.html")
        page.wait_for_selector(".mlq-an-toolbar")
        page.evaluate("window.scrollBy(0, document.querySelector('.mlq-w[data-w=\"700\"]').getBoundingClientRect().top"
                      " - 400)")
        assert page.evaluate("scrollY") > 2000
        header = page.evaluate("document.querySelector('.bd-header-article').getBoundingClientRect().bottom")
        controls = page.evaluate("document.querySelector('.mlq-an-controls').getBoundingClientRect().toJSON()")
        assert header <= controls["top"] <= 100 and controls["bottom"] < 400, (header, controls)
    finally:
        context.close()


@pytest.mark.parametrize("mode", ["device", "theme"])
def test_dark_mode_passes_axe_before_and_after_checking(browser: Browser, site: str, mode: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900},
                                  color_scheme="dark" if mode == "device" else "light")
    page = context.new_page()
    try:
        page.goto(f"{site}/{PAGE}")
        page.wait_for_selector(".mlq-an-toolbar")
        if mode == "theme":
            page.locator(".theme-switch-button").first.click()
        assert page.evaluate("document.documentElement.dataset.theme") == "dark"
        mark(page, 8, 16, "Claim")
        word(page, 20).click()  # a selection under way
        assert serious(page) == []
        shot(page, f"before-check-dark-{mode}")
        page.keyboard.press("Escape")
        page.locator(".mlq-an-check").click()
        page.wait_for_selector(".mlq-an-table")
        assert serious(page) == []
        shot(page, f"after-check-dark-{mode}")
    finally:
        context.close()


def test_the_whole_exercise_by_keyboard_alone(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(f"{site}/{PAGE}")
        page.wait_for_selector(".mlq-an-toolbar")
        live = page.locator(".mlq-an-live")
        for _ in range(80):  # Tab to the text
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('mlq-an-text')"):
                break
        assert page.evaluate("document.activeElement.classList.contains('mlq-an-text')")
        assert page.locator(".mlq-an-text").get_attribute("aria-describedby")
        page.keyboard.press("ArrowDown")  # to the next sentence: word 8
        page.wait_for_function("document.querySelector('.mlq-an-live').textContent === 'The'")
        for _ in range(8):
            page.keyboard.press("Shift+ArrowRight")
        page.keyboard.press("c")
        page.wait_for_function("document.querySelector('.mlq-an-live').textContent.startsWith('Marked as Claim')")
        assert "The town council voted 7 to 2 on Tuesday" in live.inner_text()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")  # word 18
        page.keyboard.press("Shift+ArrowDown")  # to the sentence's end, word 24
        page.keyboard.press("x")
        for _ in range(4):
            page.keyboard.press("ArrowDown")  # sentences at 25, 35, 46, 54
        for _ in range(4):
            page.keyboard.press("ArrowRight")  # word 58
        page.keyboard.press("Shift+ArrowDown")
        page.keyboard.press("l")
        page.wait_for_function("document.querySelector('.mlq-an-live').textContent.includes('(linked)')")
        page.keyboard.press("ArrowLeft")  # word 65, in the contradiction: remove it (both passages) and mark again
        page.keyboard.press("Delete")
        page.wait_for_function("document.querySelector('.mlq-an-live').textContent.startsWith('Mark removed')")
        assert page.locator(".mlq-an-marks li").count() == 1
        page.keyboard.press("Home")  # word 0
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowDown")  # 25
        page.keyboard.press("ArrowLeft")  # 24
        for _ in range(6):
            page.keyboard.press("Shift+ArrowLeft")  # 18-24
        page.keyboard.press("x")
        for _ in range(4):
            page.keyboard.press("ArrowDown")
        for _ in range(4):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Shift+ArrowDown")
        page.keyboard.press("l")
        for _ in range(12):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('mlq-an-check')"):
                break
        page.keyboard.press("Enter")
        page.wait_for_selector(".mlq-an-table")
        got = counts(page)
        assert got["claim"] == ["1", "0", "0"] and got["contradiction"] == ["1", "0", "0"]
        assert got["opinion"] == ["0", "2", "0"]
        page.wait_for_function("document.querySelector('.mlq-an-live').textContent.startsWith('Score 50 %')")
    finally:
        context.close()


def test_by_tap_on_a_phone(browser: Browser, site: str) -> None:
    context = browser.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True,
                                  device_scale_factor=2)
    page = context.new_page()
    try:
        page.goto(f"{site}/{PAGE}")
        page.wait_for_selector(".mlq-an-toolbar")
        do_the_exercise(page, tap=True)
        assert_results(page)
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        wide = page.evaluate("""Array.from(document.querySelectorAll('.mlq-annotate-root *'))
            .filter(e => e.getBoundingClientRect().right > 391)
            .map(e => e.tagName + '.' + e.className + ': ' + e.textContent.slice(0, 30)).slice(0, 5)""")
        assert wide == []
        shot(page, "phone-after-check")
        page.locator(".mlq-an-reset").tap()
        word(page, 8).tap()
        shot(page, "phone-before-check")
    finally:
        context.close()
